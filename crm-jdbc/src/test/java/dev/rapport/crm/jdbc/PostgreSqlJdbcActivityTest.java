package dev.rapport.crm.jdbc;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Tag;

/** The JDBC adapter's activity stores on PostgreSQL, in a fresh schema (runs with the {@code databases} profile). */
@Tag("database")
class PostgreSqlJdbcActivityTest extends JdbcActivityContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.postgresql();
    }
}
