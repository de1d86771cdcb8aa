package dev.rapport.crm.jdbc;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;

/** The JDBC stores' bulk paths on H2. */
class H2JdbcBulkTest extends JdbcBulkContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
