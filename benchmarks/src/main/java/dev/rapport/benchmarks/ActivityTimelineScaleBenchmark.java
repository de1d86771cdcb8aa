package dev.rapport.benchmarks;

import dev.rapport.crm.Crm;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.query.Page;
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
 * Does a customer's first timeline page cost the same when the tenant holds 10^7 interactions as
 * when it holds 10^4? The measured customer has about 1 000 activities (one in ten an order) in
 * both; the others' (about 1 000 each, {@link ActivitySeeder}) are interleaved with them over the
 * whole history. Rapport on PostgreSQL, the plain SQL beside it, Rapport in memory. Target: the page
 * at 10^7 at most 1.2x the page at 10^4. Seeding 10^7 takes minutes: {@code RAPPORT_KEEP_SEED=1}
 * keeps the schema ({@code rb_keep_tl_scale_<n>}) and the next run reuses it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx14g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ActivityTimelineScaleBenchmark {
    static final long PER_CUSTOMER = 1000;

    /** Rapport and the plain SQL on PostgreSQL. */
    @State(Scope.Benchmark)
    public static class Postgres {
        @Param({"10000", "10000000"})
        public long pgInteractions;

        ActivityTimelineBenchmark.PgTimeline data;

        @Setup(Level.Trial)
        public void setUp() {
            data = ActivityTimelineBenchmark.PgTimeline.open(
                    "tl_scale_" + pgInteractions, new ActivitySeeder.Layout(pgInteractions, PER_CUSTOMER));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            data.close();
        }
    }

    /** Rapport in memory. */
    @State(Scope.Benchmark)
    public static class InMemory {
        @Param({"10000", "10000000"})
        public long memInteractions;

        Crm crm;

        @Setup(Level.Trial)
        public void setUp() {
            InMemoryStorage storage = InMemoryStorage.create();
            long started = System.nanoTime();
            ActivitySeeder.seedInMemory(storage, new ActivitySeeder.Layout(memInteractions, PER_CUSTOMER));
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    "%nseeded %d interactions in memory: %.1f s, heap used %d MB%n",
                    memInteractions, (System.nanoTime() - started) / 1e9, (rt.totalMemory() - rt.freeMemory()) >> 20);
            crm = Crm.builder().storage(storage).build();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            crm.close();
        }
    }

    @Benchmark
    public Page<Activity> first_postgres_rapport(Postgres p) {
        return p.data.crm.timeline().list(ActivityTimelineBenchmark.FIRST);
    }

    @Benchmark
    public Object first_postgres_sql(Postgres p) {
        return p.data.sql.timeline(ActivityTimelineBenchmark.MEASURED.value(), null, ActivityTimelineBenchmark.PAGE);
    }

    @Benchmark
    public Page<Activity> first_inmemory_rapport(InMemory m) {
        return m.crm.timeline().list(ActivityTimelineBenchmark.FIRST);
    }
}
