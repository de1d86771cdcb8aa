package dev.rapport.benchmarks;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.Page;
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
 * Rapport on {@link InMemoryStorage} through the {@link Crm} facade, beside {@link
 * BareMapCustomers} (maps, a lock and {@link PlainRules}) doing the same work: create (name, email,
 * phone in national form, one tag), get by id, find by email, update (rename with the expected
 * version) and a page of 50 customers tagged {@code vip} ordered by creation, from a random
 * position. Both start each iteration from the same {@code seed} customers (so that create does
 * not grow the heap without bound). Target: Rapport at most 2x the baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InMemoryBenchmark {

    /** What both sides share: the seed size, the random draws and the create counter. */
    @State(Scope.Thread)
    public static class Draws {
        @Param({"10000"})
        public int seed;

        final SplittableRandom random = new SplittableRandom(42);
        long next = 1;

        /** @return a seeded customer number, 1..seed */
        int seeded() {
            return 1 + random.nextInt(seed);
        }
    }

    /** Rapport on a fresh in-memory storage. */
    @State(Scope.Thread)
    public static class Rapport {
        Crm crm;
        CustomerId[] ids;
        long[] versions;
        List<String> cursors;
        final CustomerPatch renameA =
                CustomerPatch.builder().displayName("Renamed A").build();
        final CustomerPatch renameB =
                CustomerPatch.builder().displayName("Renamed B").build();
        final CustomerQuery tagged =
                CustomerQuery.where(CustomerCriteria.hasTag(Data.TAG)).limit(50);

        @Setup(Level.Iteration)
        public void setUp(Draws draws) {
            InMemoryStorage storage = InMemoryStorage.create();
            crm = Crm.builder().storage(storage).build();
            crm.customers().list(tagged); // the CREATED index exists before the seed, as the baseline's
            int n = draws.seed;
            ids = new CustomerId[n + 1];
            versions = new long[n + 1];
            // Seeded through the SPI in one transaction (no events), as the JDBC seeder writes rows.
            storage.inTransaction(TenantId.DEFAULT, s -> {
                for (int g = 1; g <= n; g++) {
                    Customer c = Data.seedCustomer(g);
                    s.customers().insert(c);
                    ids[g] = c.id();
                    versions[g] = 1;
                }
                return null;
            });
            cursors = cursors(crm, tagged.limit(10));
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            crm.close();
        }
    }

    /** The baseline on fresh maps. */
    @State(Scope.Thread)
    public static class Baseline {
        BareMapCustomers store;
        UUID[] ids;
        long[] versions;
        List<BareMapCustomers.Position> positions;

        @Setup(Level.Iteration)
        public void setUp(Draws draws) {
            store = new BareMapCustomers();
            ids = new UUID[draws.seed + 1];
            versions = new long[draws.seed + 1];
            for (int g = 1; g <= draws.seed; g++) {
                Customer c = Data.seedCustomer(g);
                store.load(c);
                ids[g] = c.id().value();
                versions[g] = 1;
            }
            positions = new ArrayList<>();
            positions.add(null);
            for (List<Customer> page = store.page(Data.TAG, null, 10);
                    page.size() == 10;
                    page = store.page(Data.TAG, positions.get(positions.size() - 1), 10)) {
                positions.add(BareMapCustomers.positionOf(page.get(page.size() - 1)));
            }
        }
    }

    /** Walks the listing in pages of the query's size and keeps every page's cursor (null first). */
    static List<String> cursors(Crm crm, CustomerQuery query) {
        List<String> cursors = new ArrayList<>();
        cursors.add(null);
        Page<Customer> page = crm.customers().list(query);
        while (page.hasNext()) {
            cursors.add(page.nextCursor());
            page = crm.customers().list(query.after(page.nextCursor()));
        }
        return cursors;
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
    public Customer create_baseline(Baseline b, Draws d) {
        long n = d.next++;
        return b.store.create(new PlainRules.NewCustomerForm(
                Data.newName(n), Data.newEmail(n), Data.newPhone(n), LifecycleStage.LEAD, List.of("web")));
    }

    // --- get ---

    @Benchmark
    public Customer get_rapport(Rapport r, Draws d) {
        return r.crm.customers().get(r.ids[d.seeded()]);
    }

    @Benchmark
    public Optional<Customer> get_baseline(Baseline b, Draws d) {
        return b.store.get(b.ids[d.seeded()]);
    }

    // --- find by email ---

    @Benchmark
    public Optional<Customer> findByEmail_rapport(Rapport r, Draws d) {
        return r.crm.customers().findByEmail(Data.seedEmail(d.seeded()));
    }

    @Benchmark
    public Optional<Customer> findByEmail_baseline(Baseline b, Draws d) {
        return b.store.findByEmail(Data.seedEmail(d.seeded()));
    }

    // --- update ---

    @Benchmark
    public Customer update_rapport(Rapport r, Draws d) {
        int g = d.seeded();
        long version = r.versions[g];
        Customer after = r.crm.customers().update(r.ids[g], version, version % 2 == 0 ? r.renameA : r.renameB);
        r.versions[g] = after.version();
        return after;
    }

    @Benchmark
    public Customer update_baseline(Baseline b, Draws d) {
        int g = d.seeded();
        long version = b.versions[g];
        Customer after = b.store.rename(b.ids[g], version, version % 2 == 0 ? "Renamed A" : "Renamed B");
        b.versions[g] = after.version();
        return after;
    }

    // --- list page ---

    @Benchmark
    public Page<Customer> listPage_rapport(Rapport r, Draws d) {
        String cursor = r.cursors.get(d.random.nextInt(r.cursors.size()));
        return r.crm.customers().list(r.tagged.after(cursor));
    }

    @Benchmark
    public List<Customer> listPage_baseline(Baseline b, Draws d) {
        BareMapCustomers.Position after = b.positions.get(d.random.nextInt(b.positions.size()));
        return b.store.page(Data.TAG, after, 50);
    }
}
