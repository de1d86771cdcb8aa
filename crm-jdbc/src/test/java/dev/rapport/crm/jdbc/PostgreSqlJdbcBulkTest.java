package dev.rapport.crm.jdbc;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Tag;

/** The JDBC stores' bulk paths on PostgreSQL. */
@Tag("database")
class PostgreSqlJdbcBulkTest extends JdbcBulkContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.postgresql();
    }
}
