package dev.rapport.crm.jdbc;

/** The contract test kit on H2 (every build). */
class H2TckTest extends JdbcTck {
    H2TckTest() {
        super(TestDatabases::h2);
    }
}
