package dev.rapport.crm.jdbc;

import org.junit.jupiter.api.Tag;

/** The contract test kit on MariaDB (the {@code databases} profile). */
@Tag("database")
class MariaDbTckTest extends JdbcTck {
    MariaDbTckTest() {
        super(TestDatabases::mariadb);
    }
}
