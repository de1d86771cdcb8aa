package dev.rapport.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.Page;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
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
 * Rapport's {@link JdbcStorage} on PostgreSQL through the {@link Crm} facade, beside hand-written
 * JDBC on the same tables ({@link HandJdbcCustomers}) and beside Hibernate ORM 7 on tables of the
 * same shape ({@link OrmCustomers}): create, get, find by email, update (rename with the expected
 * version) and a page of 50 {@code vip} customers by creation from a random position. Each side
 * has its own HikariCP pool and its own schema with {@code seed} customers, created in setup and
 * dropped in teardown. Targets: Rapport at most 1.2x hand-written JDBC, and faster than Hibernate
 * on every operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PostgresBenchmark {
    static final int POOL_SIZE = 4;
    static final String MIGRATION = "db/rapport/postgresql/V1__customers.sql";

    /** What all sides share: the seed size, the random draws and the create counter. */
    @State(Scope.Thread)
    public static class Draws {
        @Param({"10000"})
        public int seed;

        final SplittableRandom random = new SplittableRandom(42);
        long next = 1;
        UUID[] ids;

        @Setup(Level.Trial)
        public void setUp() {
            ids = new UUID[seed + 1];
            for (int g = 1; g <= seed; g++) {
                ids[g] = Data.seedId(g);
            }
        }

        int seeded() {
            return 1 + random.nextInt(seed);
        }

        PlainRules.NewCustomerForm form(long n) {
            return new PlainRules.NewCustomerForm(
                    Data.newName(n), Data.newEmail(n), Data.newPhone(n), LifecycleStage.LEAD, List.of("web"));
        }
    }

    /** Rapport: JdbcStorage (Flyway-migrated schema) behind the facade. */
    @State(Scope.Thread)
    public static class Rapport {
        String schema;
        HikariDataSource pool;
        Crm crm;
        long[] versions;
        List<String> cursors;
        final CustomerPatch renameA =
                CustomerPatch.builder().displayName("Renamed A").build();
        final CustomerPatch renameB =
                CustomerPatch.builder().displayName("Renamed B").build();
        final CustomerQuery tagged =
                CustomerQuery.where(CustomerCriteria.hasTag(Data.TAG)).limit(50);

        @Setup(Level.Trial)
        public void setUp(Draws draws) {
            schema = Postgres.createSchema("rapport");
            try {
                pool = Postgres.pool(schema, POOL_SIZE);
                crm = Crm.builder().storage(JdbcStorage.create(pool)).build();
                PgSeeder.seed(pool, draws.seed);
                versions = new long[draws.seed + 1];
                java.util.Arrays.fill(versions, 1);
                cursors = InMemoryBenchmark.cursors(crm, tagged.limit(10));
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

    /** Hand-written JDBC on the adapter's schema (its migration script run as is). */
    @State(Scope.Thread)
    public static class Jdbc {
        String schema;
        HikariDataSource pool;
        HandJdbcCustomers customers;
        long[] versions;
        List<BareMapCustomers.Position> positions;

        @Setup(Level.Trial)
        public void setUp(Draws draws) throws IOException, SQLException {
            schema = Postgres.createSchema("jdbc");
            try {
                pool = Postgres.pool(schema, POOL_SIZE);
                try (InputStream in = JdbcStorage.class.getClassLoader().getResourceAsStream(MIGRATION);
                        Connection c = pool.getConnection();
                        Statement s = c.createStatement()) {
                    s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                PgSeeder.seed(pool, draws.seed);
                customers = new HandJdbcCustomers(pool);
                versions = new long[draws.seed + 1];
                java.util.Arrays.fill(versions, 1);
                positions = positions((after, limit) -> customers.page(Data.TAG, after, limit));
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

    /** Hibernate ORM on its own hbm2ddl-created tables of the same shape. */
    @State(Scope.Thread)
    public static class Hibernate {
        String schema;
        HikariDataSource pool;
        OrmCustomers customers;
        long[] versions;
        List<BareMapCustomers.Position> positions;

        @Setup(Level.Trial)
        public void setUp(Draws draws) {
            schema = Postgres.createSchema("hibernate");
            try {
                pool = Postgres.pool(schema, POOL_SIZE);
                customers = new OrmCustomers(pool, schema);
                PgSeeder.seed(pool, draws.seed);
                versions = new long[draws.seed + 1];
                java.util.Arrays.fill(versions, 1);
                positions = positions((after, limit) -> customers.page(Data.TAG, after, limit));
            } catch (RuntimeException | Error e) {
                tearDown();
                throw e;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (customers != null) {
                customers.close();
            }
            if (pool != null) {
                pool.close();
            }
            Postgres.dropSchema(schema);
        }
    }

    interface Pager {
        List<Customer> page(BareMapCustomers.Position after, int limit);
    }

    /** The positions after every 10th tagged customer (null first): where pages may start. */
    static List<BareMapCustomers.Position> positions(Pager pager) {
        List<BareMapCustomers.Position> positions = new ArrayList<>();
        positions.add(null);
        for (List<Customer> page = pager.page(null, 10);
                page.size() == 10;
                page = pager.page(positions.get(positions.size() - 1), 10)) {
            positions.add(BareMapCustomers.positionOf(page.get(page.size() - 1)));
        }
        return positions;
    }

    // --- create ---

    @Benchmark
    public Customer create_rapport(Rapport r, Draws d) {
        long n = d.next++;
        return r.crm.customers()
                .create(NewCustomer.named(Data.newName(n))
                        .email(Data.newEmail(n))
                        .phone(Data.newPhone(n))
                        .tags("web"));
    }

    @Benchmark
    public Customer create_jdbc(Jdbc j, Draws d) {
        return j.customers.create(d.form(d.next++));
    }

    @Benchmark
    public Customer create_hibernate(Hibernate h, Draws d) {
        return h.customers.create(d.form(d.next++));
    }

    // --- get ---

    @Benchmark
    public Customer get_rapport(Rapport r, Draws d) {
        return r.crm.customers().get(new CustomerId(d.ids[d.seeded()]));
    }

    @Benchmark
    public Optional<Customer> get_jdbc(Jdbc j, Draws d) {
        return j.customers.get(d.ids[d.seeded()]);
    }

    @Benchmark
    public Optional<Customer> get_hibernate(Hibernate h, Draws d) {
        return h.customers.get(d.ids[d.seeded()]);
    }

    // --- find by email ---

    @Benchmark
    public Optional<Customer> findByEmail_rapport(Rapport r, Draws d) {
        return r.crm.customers().findByEmail(Data.seedEmail(d.seeded()));
    }

    @Benchmark
    public Optional<Customer> findByEmail_jdbc(Jdbc j, Draws d) {
        return j.customers.findByEmail(Data.seedEmail(d.seeded()));
    }

    @Benchmark
    public Optional<Customer> findByEmail_hibernate(Hibernate h, Draws d) {
        return h.customers.findByEmail(Data.seedEmail(d.seeded()));
    }

    // --- update ---

    @Benchmark
    public Customer update_rapport(Rapport r, Draws d) {
        int g = d.seeded();
        long version = r.versions[g];
        Customer after =
                r.crm.customers().update(new CustomerId(d.ids[g]), version, version % 2 == 0 ? r.renameA : r.renameB);
        r.versions[g] = after.version();
        return after;
    }

    @Benchmark
    public Customer update_jdbc(Jdbc j, Draws d) {
        int g = d.seeded();
        long version = j.versions[g];
        Customer after = j.customers.rename(d.ids[g], version, version % 2 == 0 ? "Renamed A" : "Renamed B");
        j.versions[g] = after.version();
        return after;
    }

    @Benchmark
    public Customer update_hibernate(Hibernate h, Draws d) {
        int g = d.seeded();
        long version = h.versions[g];
        Customer after = h.customers.rename(d.ids[g], version, version % 2 == 0 ? "Renamed A" : "Renamed B");
        h.versions[g] = after.version();
        return after;
    }

    // --- list page ---

    @Benchmark
    public Page<Customer> listPage_rapport(Rapport r, Draws d) {
        String cursor = r.cursors.get(d.random.nextInt(r.cursors.size()));
        return r.crm.customers().list(r.tagged.after(cursor));
    }

    @Benchmark
    public List<Customer> listPage_jdbc(Jdbc j, Draws d) {
        return j.customers.page(Data.TAG, j.positions.get(d.random.nextInt(j.positions.size())), 50);
    }

    @Benchmark
    public List<Customer> listPage_hibernate(Hibernate h, Draws d) {
        return h.customers.page(Data.TAG, h.positions.get(d.random.nextInt(h.positions.size())), 50);
    }
}
