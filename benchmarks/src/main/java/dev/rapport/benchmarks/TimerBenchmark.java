package dev.rapport.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.TimerId;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.timers.DueWorkSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Timer claim-and-fire throughput on PostgreSQL: one shot fires {@code timers} timers, due now in
 * eight tenants, with {@code instances} application instances of {@code threads} worker threads
 * each. An instance is what an application process has: its own pool ({@code threads + 1}
 * connections) and, for Rapport, its own {@code JdbcStorage} and {@code Crm}. The handler does
 * nothing but count, inside the firing transaction, so the shot measures the mechanism; a
 * handler's own writes would cost the same on every side.
 *
 * <ul>
 *   <li>{@code rapport}: each worker calls {@code crm.runDueWork()} (claims of 100 with a lease in
 *       a transaction of their own, then one transaction per timer that completes it under its
 *       claim token and runs the handler) until nothing is due.
 *   <li>{@code plainPerTimer}: {@link PlainTimers}, one {@code DELETE ... FOR UPDATE SKIP LOCKED
 *       LIMIT 1 RETURNING} transaction per timer: the same isolation of failures, no lease.
 *   <li>{@code plainBatch}: the same with 100 timers per transaction: fewer commits, but a failing
 *       handler undoes its whole batch.
 * </ul>
 *
 * <p>Time per shot, in milliseconds (SingleShotTime): divide {@code timers} by it for timers per
 * millisecond. The timers are scheduled before each shot, outside the measurement.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class TimerBenchmark {

    /** The instances, their pools and workers. */
    @State(Scope.Benchmark)
    public static class Instances {
        @Param({"1", "2"})
        public int instances;

        @Param({"2"})
        public int threads;

        @Param({"2000"})
        public int timers;

        String schema;
        final List<HikariDataSource> pools = new ArrayList<>();
        final List<Crm> engines = new ArrayList<>();
        JdbcStorage firstStorage;
        final List<UUID> tenants = new ArrayList<>();
        final AtomicInteger fired = new AtomicInteger();
        ExecutorService workers;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            schema = Postgres.createSchema("timers");
            for (int i = 0; i < instances; i++) {
                HikariDataSource pool = Postgres.pool(schema, threads + 1);
                pools.add(pool);
                JdbcStorage storage = i == 0
                        ? JdbcStorage.create(pool)
                        : JdbcStorage.builder(pool).migrate(false).build();
                if (i == 0) {
                    firstStorage = storage;
                }
                engines.add(Crm.builder()
                        .storage(storage)
                        .dueWork(DueWorkSettings.defaults()
                                .withOwner("bench-" + i)
                                .withBatchSize(100))
                        .timerHandler("bench.tick", ctx -> fired.incrementAndGet())
                        .build());
            }
            PlainTimers.createTable(pools.get(0));
            for (int t = 0; t < 8; t++) {
                tenants.add(UUID.randomUUID());
            }
            workers = Executors.newFixedThreadPool(instances * threads);
        }

        @TearDown(Level.Trial)
        public void close() {
            workers.shutdownNow();
            pools.forEach(HikariDataSource::close);
            Postgres.dropUnlessKept(schema);
        }

        int workerCount() {
            return instances * threads;
        }

        /** Runs one task per worker, on instance {@code worker % instances}, and sums their results. */
        int onEveryWorker(Worker task) throws Exception {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int w = 0; w < workerCount(); w++) {
                int instance = w % instances;
                futures.add(workers.submit(() -> task.run(instance)));
            }
            int sum = 0;
            for (Future<Integer> f : futures) {
                sum += f.get(10, TimeUnit.MINUTES);
            }
            return sum;
        }

        void checkAllFired(int result) {
            if (result != timers || fired.get() != timers) {
                throw new IllegalStateException(
                        "fired " + result + " (handler counted " + fired.get() + ") of " + timers + " timers");
            }
        }
    }

    /** One worker's work on an instance; returns how many timers it fired. */
    @FunctionalInterface
    interface Worker {
        int run(int instance) throws Exception;
    }

    /** Rapport's timers, scheduled before each shot. */
    @State(Scope.Benchmark)
    public static class RapportTimers {
        @Setup(Level.Iteration)
        public void schedule(Instances in) {
            in.fired.set(0);
            scheduleRapport(
                    in.firstStorage, in.tenants, in.timers, Instant.now().minusSeconds(1));
        }
    }

    /** The baseline's rows, inserted before each shot. */
    @State(Scope.Benchmark)
    public static class PlainRows {
        @Setup(Level.Iteration)
        public void insert(Instances in) throws SQLException {
            in.fired.set(0);
            PlainTimers.insert(
                    in.pools.get(0), in.tenants, in.timers, Instant.now().minusSeconds(1));
        }
    }

    static void scheduleRapport(CrmStorage storage, List<UUID> tenants, int count, Instant due) {
        List<List<Timer>> byTenant = new ArrayList<>();
        for (UUID t : tenants) {
            byTenant.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            int t = i % tenants.size();
            byTenant.get(t)
                    .add(Timer.scheduled(
                            TimerId.of(UUID.randomUUID()),
                            TenantId.of(tenants.get(t)),
                            "bench.tick",
                            "tick:" + UUID.randomUUID(),
                            due,
                            ""));
        }
        for (int t = 0; t < tenants.size(); t++) {
            List<Timer> timers = byTenant.get(t);
            storage.inTransaction(TenantId.of(tenants.get(t)), s -> {
                s.timers().scheduleAll(timers);
                return null;
            });
        }
    }

    @Benchmark
    public int rapport(Instances in, RapportTimers timers) throws Exception {
        int fired = in.onEveryWorker(i -> in.engines.get(i).runDueWork().fired());
        in.checkAllFired(fired);
        return fired;
    }

    @Benchmark
    public int plainPerTimer(Instances in, PlainRows rows) throws Exception {
        int fired = in.onEveryWorker(i -> {
            try (Connection c = in.pools.get(i).getConnection()) {
                return PlainTimers.fireAll(c, 1, id -> in.fired.incrementAndGet());
            }
        });
        in.checkAllFired(fired);
        return fired;
    }

    @Benchmark
    public int plainBatch(Instances in, PlainRows rows) throws Exception {
        int fired = in.onEveryWorker(i -> {
            try (Connection c = in.pools.get(i).getConnection()) {
                return PlainTimers.fireAll(c, 100, id -> in.fired.incrementAndGet());
            }
        });
        in.checkAllFired(fired);
        return fired;
    }
}
