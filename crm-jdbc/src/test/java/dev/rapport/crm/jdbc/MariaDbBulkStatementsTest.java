package dev.rapport.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.tck.BulkContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/**
 * The kit's bulk contract on MariaDB with the driver's bulk statements on ({@code
 * useBulkStmts=true}, the default of Connector/J 3.0 and 3.1): batches then report {@code
 * SUCCESS_NO_INFO} instead of update counts, so version-guarded batch updates cannot count their
 * rows.
 */
@Tag("database")
class MariaDbBulkStatementsTest extends BulkContract {
    private static TestDatabase database;
    private static HikariDataSource pool;
    private static JdbcStorage storage;

    @Override
    protected synchronized CrmStorage createStorage() {
        if (storage == null) {
            database = TestDatabases.mariadb("&useBulkStmts=true");
            HikariConfig config = new HikariConfig();
            config.setDataSource(database.dataSource());
            config.setMaximumPoolSize(6);
            config.setPoolName("bulk-stmts");
            pool = new HikariDataSource(config);
            storage = JdbcStorage.create(pool);
        }
        return storage;
    }

    @Override
    protected void releaseStorage(CrmStorage used) {
        assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                .as("connections still borrowed after the test")
                .isZero();
    }

    @AfterAll
    static void drop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
