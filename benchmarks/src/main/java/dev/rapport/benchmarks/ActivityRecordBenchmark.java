package dev.rapport.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Interaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording an interaction ({@code crm.interactions().record(...)}): an inbound email of about 300
 * characters with a subject, two participants, a thread id and a new source reference each time
 * ({@link ActivityData#newEmail}), for a random one of {@code seed} customers. Rapport in memory
 * beside {@link BareMapInteractions}; Rapport on PostgreSQL beside {@link HandJdbcActivity} (the
 * same row with its payload JSON and the same {@code interaction.recorded} event append). Every
 * side builds the same command from the same draws.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ActivityRecordBenchmark {

    /** The seeded customers, the random draws and the interaction counter. */
    @State(Scope.Thread)
    public static class Draws {
        @Param({"10000"})
        public int seed;

        final SplittableRandom random = new SplittableRandom(42);
        long next = 1;
        CustomerId[] ids;

        @Setup(Level.Trial)
        public void setUp() {
            ids = ActivitySeeder.customerIds(seed);
        }

        int seeded() {
            return 1 + random.nextInt(seed);
        }
    }

    /** Rapport on a fresh in-memory storage per iteration, customers seeded through the SPI. */
    @State(Scope.Thread)
    public static class InMemoryRapport {
        Crm crm;

        @Setup(Level.Iteration)
        public void setUp(Draws draws) {
            InMemoryStorage storage = InMemoryStorage.create();
            storage.inTransaction(TenantId.DEFAULT, s -> {
                for (int g = 1; g <= draws.seed; g++) {
                    s.customers().insert(Data.seedCustomer(g));
                }
                return null;
            });
            crm = Crm.builder().storage(storage).build();
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            crm.close();
        }
    }

    /** The bare-map baseline, fresh per iteration. */
    @State(Scope.Thread)
    public static class InMemoryBaseline {
        BareMapInteractions store;

        @Setup(Level.Iteration)
        public void setUp(Draws draws) {
            store = new BareMapInteractions();
            for (int g = 1; g <= draws.seed; g++) {
                store.addCustomer(draws.ids[g].value());
            }
        }
    }

    /** Rapport's JdbcStorage (Flyway-migrated schema) behind the facade. */
    @State(Scope.Thread)
    public static class PostgresRapport {
        String schema;
        HikariDataSource pool;
        Crm crm;

        @Setup(Level.Trial)
        public void setUp(Draws draws) {
            schema = Postgres.createSchema("rec_rapport");
            try {
                pool = Postgres.pool(schema, PostgresBenchmark.POOL_SIZE);
                crm = Crm.builder().storage(JdbcStorage.create(pool)).build();
                PgSeeder.seed(pool, draws.seed);
            } catch (RuntimeException | Error e) {
                tearDown();
                throw e;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (crm != null) {
                crm.close();
            }
            if (pool != null) {
                pool.close();
            }
            Postgres.dropSchema(schema);
        }
    }

    /** Hand-written JDBC on the adapter's schema (its migration scripts run as they are). */
    @State(Scope.Thread)
    public static class PostgresJdbc {
        String schema;
        HikariDataSource pool;
        HandJdbcActivity activity;

        @Setup(Level.Trial)
        public void setUp(Draws draws) throws IOException, SQLException {
            schema = Postgres.createSchema("rec_jdbc");
            try {
                pool = Postgres.pool(schema, PostgresBenchmark.POOL_SIZE);
                migrate(pool);
                PgSeeder.seed(pool, draws.seed);
                activity = new HandJdbcActivity(pool);
            } catch (IOException | SQLException | RuntimeException | Error e) {
                tearDown();
                throw e;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (pool != null) {
                pool.close();
            }
            Postgres.dropSchema(schema);
        }
    }

    /** The adapter's case tables, which recording a message on a thread looks at. */
    static final String CASES_MIGRATION = "db/rapport/postgresql/V4__cases.sql";

    /**
     * Runs the adapter's PostgreSQL migrations that the activity baseline's tables come from as
     * plain scripts (no Flyway history): customers, activity and cases.
     */
    static void migrate(HikariDataSource pool) throws IOException, SQLException {
        for (String script : new String[] {PostgresBenchmark.MIGRATION, ActivitySeeder.MIGRATION, CASES_MIGRATION}) {
            try (InputStream in = JdbcStorage.class.getClassLoader().getResourceAsStream(script);
                    Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Benchmark
    public Interaction record_inmemory_rapport(InMemoryRapport r, Draws d) {
        int g = d.seeded();
        return r.crm.interactions().record(ActivityData.newEmail(d.ids[g], g, d.next++));
    }

    @Benchmark
    public Interaction record_inmemory_baseline(InMemoryBaseline b, Draws d) {
        int g = d.seeded();
        return b.store.record(ActivityData.newEmail(d.ids[g], g, d.next++));
    }

    @Benchmark
    public Interaction record_postgres_rapport(PostgresRapport r, Draws d) {
        int g = d.seeded();
        return r.crm.interactions().record(ActivityData.newEmail(d.ids[g], g, d.next++));
    }

    @Benchmark
    public Interaction record_postgres_jdbc(PostgresJdbc j, Draws d) {
        int g = d.seeded();
        return j.activity.record(ActivityData.newEmail(d.ids[g], g, d.next++));
    }
}
