package dev.rapport.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.tck.CrmCompatibilityKit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;

/**
 * The contract test kit on one database. Every test class gets one fresh schema (or database),
 * migrated once, behind a small HikariCP pool; the kit works in new random tenants for every test,
 * so sharing the schema between its tests is within its contract. After every test no connection
 * may still be borrowed.
 */
abstract class JdbcTck extends CrmCompatibilityKit {
    private static final Map<Class<?>, Shared> SHARED = new ConcurrentHashMap<>();

    private record Shared(TestDatabase database, HikariDataSource pool, JdbcStorage storage) {}

    private final Supplier<TestDatabase> databases;

    JdbcTck(Supplier<TestDatabase> databases) {
        this.databases = databases;
    }

    private Shared shared() {
        return SHARED.computeIfAbsent(getClass(), c -> {
            TestDatabase database = databases.get();
            HikariConfig config = new HikariConfig();
            config.setDataSource(database.dataSource());
            config.setMaximumPoolSize(12);
            config.setPoolName("tck-" + database.name());
            HikariDataSource pool = new HikariDataSource(config);
            return new Shared(database, pool, JdbcStorage.create(pool));
        });
    }

    @Override
    protected CrmStorage createStorage() {
        return shared().storage();
    }

    /** A second application instance: another JdbcStorage over the same pool and schema. */
    @Override
    protected CrmStorage anotherInstance(CrmStorage first) {
        return JdbcStorage.builder(shared().pool()).migrate(false).build();
    }

    @Override
    protected void releaseStorage(CrmStorage storage) {
        assertThat(shared().pool().getHikariPoolMXBean().getActiveConnections())
                .as("connections still borrowed after the test")
                .isZero();
    }

    @AfterAll
    static void dropDatabases() {
        SHARED.values().forEach(s -> {
            s.storage().close();
            s.pool().close();
            s.database().close();
        });
        SHARED.clear();
    }
}
