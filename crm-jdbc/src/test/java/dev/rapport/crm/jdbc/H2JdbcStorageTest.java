package dev.rapport.crm.jdbc;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;

/** The JDBC adapter on an in-memory H2 database. */
class H2JdbcStorageTest extends JdbcStorageContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
