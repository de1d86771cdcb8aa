package dev.rapport.crm.jdbc;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Tag;

/** The JDBC stores' bulk paths on MariaDb. */
@Tag("database")
class MariaDbJdbcBulkTest extends JdbcBulkContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.mariadb();
    }
}
