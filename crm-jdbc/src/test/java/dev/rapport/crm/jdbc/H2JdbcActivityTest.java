package dev.rapport.crm.jdbc;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;

/** The JDBC adapter's activity stores on an in-memory H2 database. */
class H2JdbcActivityTest extends JdbcActivityContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
