package dev.rapport.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.Page;
import java.util.List;
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
 * Does a page cost the same with a million customers as with ten thousand? Keyset pages of 50 by
 * creation, all customers or those tagged {@code vip} (one in ten), each from a random position
 * among the cursors after every 1000th customer, so most pages start deep in the data. Rapport
 * through the facade on PostgreSQL (rows bulk-seeded by {@link PgSeeder}) and in memory (seeded
 * through the SPI in creation order, the CREATED index existing from the start). Target: the page
 * at {@code size=1000000} at most 1.2x the page at {@code size=10000}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 6, time = 2)
public class ListPageScaleBenchmark {
    static final int SEED_CHUNK = 100_000;

    /** The number of customers. */
    @State(Scope.Benchmark)
    public static class Size {
        @Param({"10000", "1000000"})
        public int size;
    }

    /** The random draws. */
    @State(Scope.Thread)
    public static class Draws {
        final SplittableRandom random = new SplittableRandom(42);
    }

    static final CustomerQuery ALL = CustomerQuery.all().limit(50);
    static final CustomerQuery TAGGED =
            CustomerQuery.where(CustomerCriteria.hasTag(Data.TAG)).limit(50);

    /** Rapport on PostgreSQL, in its own schema. */
    @State(Scope.Benchmark)
    public static class Postgres {
        String schema;
        HikariDataSource pool;
        Crm crm;
        List<String> cursors;

        @Setup(Level.Trial)
        public void setUp(Size size) {
            schema = dev.rapport.benchmarks.Postgres.createSchema("scale" + size.size);
            try {
                pool = dev.rapport.benchmarks.Postgres.pool(schema, 4);
                crm = Crm.builder().storage(JdbcStorage.create(pool)).build();
                PgSeeder.seed(pool, size.size);
                cursors = InMemoryBenchmark.cursors(crm, CustomerQuery.all().limit(CustomerQuery.MAX_LIMIT));
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
            dev.rapport.benchmarks.Postgres.dropSchema(schema);
        }
    }

    /** Rapport in memory. */
    @State(Scope.Benchmark)
    public static class InMemory {
        Crm crm;
        List<String> cursors;

        @Setup(Level.Trial)
        public void setUp(Size size) {
            InMemoryStorage storage = InMemoryStorage.create();
            crm = Crm.builder().storage(storage).build();
            crm.customers().list(ALL); // the CREATED index exists from the start
            for (int from = 1; from <= size.size; from += SEED_CHUNK) {
                int first = from;
                int last = Math.min(size.size, from + SEED_CHUNK - 1);
                storage.inTransaction(TenantId.DEFAULT, s -> {
                    for (int g = first; g <= last; g++) {
                        s.customers().insert(Data.seedCustomer(g));
                    }
                    return null;
                });
            }
            cursors = InMemoryBenchmark.cursors(crm, CustomerQuery.all().limit(CustomerQuery.MAX_LIMIT));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            crm.close();
        }
    }

    /**
     * The in-memory baseline's skip list at the same size, to tell the adapter's growth from the
     * memory hierarchy's: seeded in creation order, positions after every 1000th customer.
     */
    @State(Scope.Benchmark)
    public static class BareMap {
        BareMapCustomers store;
        List<BareMapCustomers.Position> positions;

        @Setup(Level.Trial)
        public void setUp(Size size) {
            store = new BareMapCustomers();
            positions = new java.util.ArrayList<>();
            positions.add(null);
            for (int g = 1; g <= size.size; g++) {
                Customer c = Data.seedCustomer(g);
                store.load(c);
                if (g % CustomerQuery.MAX_LIMIT == 0 && g < size.size) {
                    positions.add(BareMapCustomers.positionOf(c));
                }
            }
        }
    }

    @Benchmark
    public List<Customer> bareMap_all(BareMap b, Draws d) {
        return b.store.page(null, b.positions.get(d.random.nextInt(b.positions.size())), 50);
    }

    @Benchmark
    public List<Customer> bareMap_tagged(BareMap b, Draws d) {
        return b.store.page(Data.TAG, b.positions.get(d.random.nextInt(b.positions.size())), 50);
    }

    @Benchmark
    public Page<Customer> postgres_all(Postgres p, Draws d) {
        return p.crm.customers().list(ALL.after(p.cursors.get(d.random.nextInt(p.cursors.size()))));
    }

    @Benchmark
    public Page<Customer> postgres_tagged(Postgres p, Draws d) {
        return p.crm.customers().list(TAGGED.after(p.cursors.get(d.random.nextInt(p.cursors.size()))));
    }

    @Benchmark
    public Page<Customer> inMemory_all(InMemory m, Draws d) {
        return m.crm.customers().list(ALL.after(m.cursors.get(d.random.nextInt(m.cursors.size()))));
    }

    @Benchmark
    public Page<Customer> inMemory_tagged(InMemory m, Draws d) {
        return m.crm.customers().list(TAGGED.after(m.cursors.get(d.random.nextInt(m.cursors.size()))));
    }
}
