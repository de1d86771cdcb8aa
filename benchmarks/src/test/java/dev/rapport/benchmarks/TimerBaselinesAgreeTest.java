package dev.rapport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.timers.DueWorkResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The timer baselines do the work Rapport does (no timing): every timer fired once, by two
 * workers racing. Needs the benchmarks' PostgreSQL; skipped when it cannot be reached.
 */
class TimerBaselinesAgreeTest {
    private static final int TIMERS = 500;

    static boolean reachable() {
        try (var c = DriverManager.getConnection(Postgres.URL)) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void everySide_firesEveryTimerOnce() throws Exception {
        assumeTrue(reachable(), "PostgreSQL not reachable at " + Postgres.URL);
        String schema = Postgres.createSchema("agree_timers");
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (HikariDataSource pool = Postgres.pool(schema, 4)) {
            JdbcStorage storage = JdbcStorage.create(pool);
            Map<String, Integer> fired = new ConcurrentHashMap<>();
            Crm crm = Crm.builder()
                    .storage(storage)
                    .timerHandler("bench.tick", ctx -> fired.merge(ctx.timer().key(), 1, Integer::sum))
                    .build();
            PlainTimers.createTable(pool);
            List<UUID> tenants = List.of(UUID.randomUUID(), UUID.randomUUID());

            TimerBenchmark.scheduleRapport(
                    storage, tenants, TIMERS, Instant.now().minusSeconds(1));
            List<Future<DueWorkResult>> runs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                runs.add(workers.submit(() -> crm.runDueWork()));
            }
            int rapport = 0;
            for (Future<DueWorkResult> run : runs) {
                rapport += run.get(2, TimeUnit.MINUTES).fired();
            }
            assertThat(rapport).isEqualTo(TIMERS);
            assertThat(fired).hasSize(TIMERS).allSatisfy((key, times) -> assertThat(times)
                    .isEqualTo(1));

            for (int perTransaction : new int[] {1, 100}) {
                Map<UUID, Integer> plain = new ConcurrentHashMap<>();
                PlainTimers.insert(pool, tenants, TIMERS, Instant.now().minusSeconds(1));
                List<Future<Integer>> plainRuns = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    plainRuns.add(workers.submit(() -> {
                        try (Connection c = pool.getConnection()) {
                            return PlainTimers.fireAll(c, perTransaction, id -> plain.merge(id, 1, Integer::sum));
                        }
                    }));
                }
                int total = 0;
                for (Future<Integer> run : plainRuns) {
                    total += run.get(2, TimeUnit.MINUTES);
                }
                assertThat(total).isEqualTo(TIMERS);
                assertThat(plain).hasSize(TIMERS).allSatisfy((id, times) -> assertThat(times)
                        .isEqualTo(1));
            }
        } finally {
            workers.shutdownNow();
            Postgres.dropSchema(schema);
        }
    }
}
