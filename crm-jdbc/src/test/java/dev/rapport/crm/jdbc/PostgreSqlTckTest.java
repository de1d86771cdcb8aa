package dev.rapport.crm.jdbc;

import org.junit.jupiter.api.Tag;

/** The contract test kit on PostgreSQL (the {@code databases} profile). */
@Tag("database")
class PostgreSqlTckTest extends JdbcTck {
    PostgreSqlTckTest() {
        super(TestDatabases::postgresql);
    }
}
