package dev.rapport.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.timeline.TimelineQuery;
import java.util.ArrayList;
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
 * A timeline page of 50 for one customer with {@code 10^5} activities (90 000 interactions, 10 000
 * orders, {@link ActivitySeeder}): the first page, and a deep page from a random cursor among
 * those 50 000 to 99 000 activities back. Rapport ({@code crm.timeline().list(...)}) on
 * PostgreSQL beside the plain UNION ALL keyset SQL of {@link HandJdbcActivity} on the same schema,
 * and Rapport in memory. {@code RAPPORT_KEEP_SEED=1} keeps the seeded schema ({@code
 * rb_keep_tl_deep_...}) for the next run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ActivityTimelineBenchmark {
    static final int PAGE = 50;
    static final CustomerId MEASURED = new CustomerId(Data.seedId(1));
    static final TimelineQuery FIRST = TimelineQuery.of(MEASURED).limit(PAGE);

    /** The random draws. */
    @State(Scope.Thread)
    public static class Draws {
        final SplittableRandom random = new SplittableRandom(42);
    }

    /** Rapport and the plain SQL on one seeded PostgreSQL schema. */
    @State(Scope.Benchmark)
    public static class Postgres {
        @Param({"90000"})
        public long deepInteractions;

        PgTimeline data;

        @Setup(Level.Trial)
        public void setUp() {
            data = PgTimeline.open(
                    "tl_deep_" + deepInteractions, new ActivitySeeder.Layout(deepInteractions, 10 * deepInteractions));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            data.close();
        }
    }

    /** Rapport in memory, the same activity seeded through the SPI. */
    @State(Scope.Benchmark)
    public static class InMemory {
        @Param({"90000"})
        public long deepInteractions;

        Crm crm;
        Positions positions;

        @Setup(Level.Trial)
        public void setUp() {
            InMemoryStorage storage = InMemoryStorage.create();
            ActivitySeeder.seedInMemory(storage, new ActivitySeeder.Layout(deepInteractions, 10 * deepInteractions));
            crm = Crm.builder().storage(storage).build();
            positions = Positions.walk(crm);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            crm.close();
        }
    }

    /** A seeded schema with Rapport and the plain SQL on it. */
    static final class PgTimeline {
        String schema;
        HikariDataSource pool;
        Crm crm;
        HandJdbcActivity sql;
        Positions positions;

        static PgTimeline open(String name, ActivitySeeder.Layout layout) {
            PgTimeline t = new PgTimeline();
            t.schema = dev.rapport.benchmarks.Postgres.keptOrNewSchema(name);
            try {
                t.pool = dev.rapport.benchmarks.Postgres.pool(t.schema, 4);
                t.crm = Crm.builder().storage(JdbcStorage.create(t.pool)).build();
                if (!ActivitySeeder.seeded(t.pool, layout)) {
                    long started = System.nanoTime();
                    ActivitySeeder.seedPostgres(t.pool, layout);
                    System.out.printf(
                            "%nseeded %s in %s: %.1f s%n", layout, t.schema, (System.nanoTime() - started) / 1e9);
                } else {
                    System.out.printf("%nreusing the seeded %s in %s%n", layout, t.schema);
                }
                t.sql = new HandJdbcActivity(t.pool);
                t.positions = Positions.walk(t.crm);
                return t;
            } catch (RuntimeException | Error e) {
                t.close();
                throw e;
            }
        }

        void close() {
            if (crm != null) {
                crm.close();
            }
            if (pool != null) {
                pool.close();
            }
            dev.rapport.benchmarks.Postgres.dropUnlessKept(schema);
        }
    }

    /**
     * The measured customer's whole timeline walked in pages of 1 000: the cursor and the last key
     * after each (index i: {@code (i + 1) * 1000} activities back), the deep ones being those from
     * 50 000 back.
     */
    record Positions(List<String> cursors, List<TimelineKey> keys, int deepFrom) {
        static Positions walk(Crm crm) {
            List<String> cursors = new ArrayList<>();
            List<TimelineKey> keys = new ArrayList<>();
            TimelineQuery query = TimelineQuery.of(MEASURED).limit(TimelineQuery.MAX_LIMIT);
            Page<Activity> page = crm.timeline().list(query);
            while (page.hasNext()) {
                cursors.add(page.nextCursor());
                keys.add(page.items().get(page.items().size() - 1).timelineKey());
                page = crm.timeline().list(query.after(page.nextCursor()));
            }
            return new Positions(cursors, keys, Math.min(49, Math.max(0, cursors.size() - 1)));
        }

        int deep(SplittableRandom random) {
            return deepFrom + random.nextInt(cursors.size() - deepFrom);
        }
    }

    @Benchmark
    public Page<Activity> first_postgres_rapport(Postgres p) {
        return p.data.crm.timeline().list(FIRST);
    }

    @Benchmark
    public HandJdbcActivity.TimelinePage first_postgres_sql(Postgres p) {
        return p.data.sql.timeline(MEASURED.value(), null, PAGE);
    }

    @Benchmark
    public Page<Activity> deep_postgres_rapport(Postgres p, Draws d) {
        return p.data.crm.timeline().list(FIRST.after(p.data.positions.cursors().get(p.data.positions.deep(d.random))));
    }

    @Benchmark
    public HandJdbcActivity.TimelinePage deep_postgres_sql(Postgres p, Draws d) {
        return p.data.sql.timeline(
                MEASURED.value(), p.data.positions.keys().get(p.data.positions.deep(d.random)), PAGE);
    }

    @Benchmark
    public Page<Activity> first_inmemory_rapport(InMemory m) {
        return m.crm.timeline().list(FIRST);
    }

    @Benchmark
    public Page<Activity> deep_inmemory_rapport(InMemory m, Draws d) {
        return m.crm.timeline().list(FIRST.after(m.positions.cursors().get(m.positions.deep(d.random))));
    }
}
