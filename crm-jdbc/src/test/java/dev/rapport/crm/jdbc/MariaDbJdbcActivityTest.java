package dev.rapport.crm.jdbc;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Tag;

/** The JDBC adapter's activity stores on MariaDB, in a fresh database (runs with the {@code databases} profile). */
@Tag("database")
class MariaDbJdbcActivityTest extends JdbcActivityContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.mariadb();
    }
}
