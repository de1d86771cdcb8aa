package dev.rapport.crm.jdbc;

import org.junit.jupiter.api.Tag;

/**
 * The contract test kit on MariaDB with the driver's bulk statements on ({@code
 * useBulkStmts=true}, the default of Connector/J 3.0 and 3.1): batches then answer {@code
 * SUCCESS_NO_INFO} instead of update counts, so version-guarded batch updates cannot count their
 * rows (the {@code databases} profile).
 */
@Tag("database")
class MariaDbBulkStatementsTckTest extends JdbcTck {
    MariaDbBulkStatementsTckTest() {
        super(() -> TestDatabases.mariadb("&useBulkStmts=true"));
    }
}
