package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rapport.crm.Crm;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.TimerId;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.TimerQueue;
import dev.rapport.crm.timers.DueWorkResult;
import dev.rapport.crm.timers.DueWorkScheduler;
import dev.rapport.crm.timers.DueWorkSettings;
import dev.rapport.crm.timers.SchedulerSettings;
import dev.rapport.crm.timers.TimerContext;
import dev.rapport.crm.timers.TimerHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Durable timers and due work: the timer store's schedule, replace and cancel by key, the claim
 * protocol of {@link TimerQueue} (leases, lost leases, release), the engine's firing (due order,
 * retries with backoff, parking, handlers' effects committing with the timer's removal), tenant
 * isolation, the scheduler, and the proof that several instances fire every timer exactly once
 * even when one is killed mid-batch.
 *
 * <p>Runs of due work claim timers of every tenant, so this contract keeps to itself in a shared
 * store: its clock starts at {@link #T0}, in 2001, before any other contract's, so no other
 * contract's timers are ever due in its runs, and it cancels every timer it scheduled after each
 * test. Skipped, visibly, when the adapter stores no timers ({@link CrmStorage#timerQueue()} is
 * empty).
 *
 * <p>System properties: {@code rapport.tck.timers} (default 10000) and {@code
 * rapport.tck.timerThreads} (default 4) size the proof; it prints its figures on standard output
 * and publishes them as report entries. {@code rapport.tck.timerWaitSeconds} (default 300) bounds
 * every wait for the schedulers' threads; a wait that times out names what it waited for and
 * prints their stacks.
 *
 * @since 0.3
 */
public abstract class TimerContract extends ContractSupport {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TimerContract.class);

    /** Where the clock of these tests starts: before every other contract's clock. */
    protected static final Instant T0 = Instant.parse("2001-02-03T04:05:06.789012345Z");

    private static final String KIND = "tck.record";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration BACKOFF = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(Seeds.intProperty("rapport.tck.timerWaitSeconds", 300));

    private final ConcurrentLinkedQueue<Map.Entry<TenantId, String>> scheduledKeys = new ConcurrentLinkedQueue<>();
    private final List<DueWorkScheduler> schedulers = new CopyOnWriteArrayList<>();

    /** Creates the contract. */
    protected TimerContract() {}

    @BeforeEach
    final void requireTimers() {
        assumeTrue(
                storage.timerQueue().isPresent(),
                "the adapter stores no timers (CrmStorage.timerQueue() is empty): timer contract skipped");
        clock.set(T0);
    }

    @AfterEach
    final void cancelScheduledTimers() {
        schedulers.forEach(DueWorkScheduler::stop);
        schedulers.clear();
        Map<TenantId, List<String>> byTenant = new LinkedHashMap<>();
        for (Map.Entry<TenantId, String> e : scheduledKeys) {
            byTenant.computeIfAbsent(e.getKey(), t -> new ArrayList<>()).add(e.getValue());
        }
        scheduledKeys.clear();
        byTenant.forEach((tenant, keys) -> storage.inTransaction(tenant, s -> {
            keys.forEach(s.timers()::cancel);
            return null;
        }));
    }

    // --- the store: schedule, replace, cancel ---

    @Test
    @DisplayName("a scheduled timer reads back equal, its due instant kept to the microsecond, far future included")
    void schedule_thenGet_roundTripsEveryField() {
        TenantId tenant = crm.tenant();
        String payload = "{\"case\":\"0190f3c1\",\"note\":\"zoë ✓ 𝄞 \\\"quoted\\\"\"}";
        Timer soon = schedule(tenant, "case.sla-breach_v2", "case:ä/ß 𝄞:breach", T0.plusSeconds(90), payload);
        Timer far = schedule(tenant, KIND, "far", Timer.LATEST, "");
        Timer early = schedule(tenant, KIND, "early", Timer.EARLIEST, "");

        assertThat(soon.dueAt()).isEqualTo(T0.plusSeconds(90).truncatedTo(ChronoUnit.MICROS));
        assertThat(get(tenant, soon.key())).contains(soon);
        assertThat(get(tenant, "far")).contains(far);
        assertThat(get(tenant, "early")).contains(early);
        assertThat(get(tenant, "absent")).isEmpty();
        assertThat(get(tenant, soon.key()).orElseThrow().attempts()).isZero();
        assertThat(get(tenant, soon.key()).orElseThrow().isParked()).isFalse();
    }

    @Test
    @DisplayName("scheduling a held key replaces the timer whole: new id, kind, due instant and payload")
    void schedule_sameKey_replacesTheTimerWhole() {
        TenantId tenant = crm.tenant();
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Crm engine = builder(storage)
                .dueWork(settings("tck-a"))
                .timerHandler(KIND, first)
                .timerHandler("tck.other", second)
                .build();
        Timer old = schedule(tenant, KIND, "k", T0.plusSeconds(60), "one");
        Timer replacement = schedule(tenant, "tck.other", "k", T0.plusSeconds(120), "two");

        assertThat(replacement.id()).isNotEqualTo(old.id());
        assertThat(get(tenant, "k")).contains(replacement);
        clock.advance(Duration.ofSeconds(60));
        assertThat(engine.runDueWork()).isEqualTo(DueWorkResult.NONE);
        clock.advance(Duration.ofSeconds(60));
        assertThat(engine.runDueWork().fired()).isEqualTo(1);
        assertThat(first.attempts).isEmpty();
        assertThat(second.attempts).singleElement().satisfies(a -> {
            assertThat(a.timer().id()).isEqualTo(replacement.id());
            assertThat(a.timer().payload()).isEqualTo("two");
        });
        assertThat(get(tenant, "k")).isEmpty();
    }

    @Test
    @DisplayName("two writers scheduling the same keys at once leave one whole timer per key, all of one writer's")
    void scheduleAll_sameKeysFromTwoThreads_leavesOneWholeTimerPerKey() throws Exception {
        TenantId tenant = crm.tenant();
        int keys = 300;
        for (int round = 0; round < 5; round++) {
            String prefix = "race" + round + ":";
            List<List<Timer>> written = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                List<Timer> timers = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    timers.add(timer(tenant, KIND, prefix + k, T0.plusSeconds(k), "writer " + writer));
                }
                written.add(timers);
            }
            for (int k = 0; k < keys; k++) {
                track(tenant, prefix + k);
            }
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (List<Timer> timers : written) {
                    done.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        storage.inTransaction(tenant, s -> {
                            s.timers().scheduleAll(timers);
                            return null;
                        });
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            // Each writer's timers replace whole rows and commit together, so one writer's (the
            // later to commit) hold every key: none mixes fields, none is left from the other.
            List<Timer> stored = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                stored.add(get(tenant, prefix + k).orElseThrow());
            }
            assertThat(stored).as("round %d", round).isIn(written.get(0), written.get(1));
        }
    }

    @Test
    @DisplayName("cancel removes the timer of a key and says whether there was one; a cancelled timer never fires")
    void cancel_removesTheTimer() {
        TenantId tenant = crm.tenant();
        Recorder recorder = new Recorder();
        Crm engine = engine(recorder, settings("tck-a"));
        schedule(tenant, "k", T0);
        schedule(tenant, "other", T0.plusSeconds(1));

        assertThat(write(tenant, s -> s.timers().cancel("k"))).isTrue();
        assertThat(write(tenant, s -> s.timers().cancel("k"))).isFalse();
        assertThat(get(tenant, "k")).isEmpty();
        assertThat(get(tenant, "other")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.runDueWork().fired()).isEqualTo(1);
        assertThat(recorder.keys()).containsExactly("other");
    }

    @Test
    @DisplayName("timer writes commit with their transaction: a transaction that throws schedules and cancels nothing")
    void writes_rollBackWithTheirTransaction() {
        TenantId tenant = crm.tenant();
        Timer kept = schedule(tenant, "kept", T0.plusSeconds(5));
        Timer lost = timer(tenant, KIND, "lost", T0.plusSeconds(5), "");
        track(tenant, "lost");

        thrown(
                IllegalStateException.class,
                () -> storage.inTransaction(tenant, s -> {
                    s.timers().schedule(lost);
                    assertThat(s.timers().get("lost")).contains(lost);
                    assertThat(s.timers().cancel("kept")).isTrue();
                    assertThat(s.timers().get("kept")).isEmpty();
                    throw new IllegalStateException("rolled back on purpose");
                }));
        assertThat(get(tenant, "lost")).isEmpty();
        assertThat(get(tenant, "kept")).contains(kept);
    }

    @Test
    @DisplayName("schedule refuses a timer of another tenant, one already attempted and one parked")
    void schedule_refusesForeignAttemptedOrParkedTimers() {
        TenantId tenant = crm.tenant();
        Timer foreign = timer(newTenant(), KIND, "k", T0, "");
        Timer attempted = timer(tenant, KIND, "k", T0, "").withAttempts(1);
        Timer parked = timer(tenant, KIND, "k", T0, "").withParkedAt(T0);

        for (Timer bad : List.of(foreign, attempted, parked)) {
            thrown(
                    IllegalArgumentException.class,
                    () -> storage.inTransaction(tenant, s -> {
                        s.timers().schedule(bad);
                        return null;
                    }));
        }
        assertThat(get(tenant, "k")).isEmpty();
    }

    // --- firing ---

    @Test
    @DisplayName("runDueWork fires every due timer of every tenant once, earliest due first, across batches")
    void runDueWork_firesEveryDueTimerOnce_earliestFirst() {
        List<TenantId> tenants = List.of(crm.tenant(), newTenant(), newTenant());
        Recorder recorder = new Recorder();
        Crm engine = engine(recorder, settings("tck-a").withBatchSize(4));
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            offsets.add(i);
        }
        java.util.Collections.shuffle(offsets, new java.util.Random(T0.toEpochMilli()));
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant due = T0.minusSeconds(60L * offsets.get(i) + 1);
            timers.add(schedule(tenants.get(i % 3), KIND, "t" + i, due, ""));
        }

        DueWorkResult result = engine.runDueWork();

        assertThat(result).isEqualTo(new DueWorkResult(30, 30, 0, 0, 0, 0));
        List<String> byDue = timers.stream()
                .sorted(Comparator.comparing(Timer::dueAt))
                .map(Timer::key)
                .toList();
        assertThat(recorder.keys()).containsExactlyElementsOf(byDue);
        assertThat(recorder.attempts).allSatisfy(a -> {
            assertThat(a.sessionTenant()).isEqualTo(a.timer().tenantId());
            assertThat(a.contextTenant()).isEqualTo(a.timer().tenantId());
            assertThat(a.timer().attempts()).isEqualTo(1);
            assertThat(a.now()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
        });
        for (Timer t : timers) {
            assertThat(get(t.tenantId(), t.key())).isEmpty();
        }
        assertThat(engine.runDueWork()).isEqualTo(DueWorkResult.NONE);
    }

    @Test
    @DisplayName("a timer fires at its due instant, not a microsecond before")
    void runDueWork_firesAtTheDueInstantNotBefore() {
        TenantId tenant = crm.tenant();
        Recorder recorder = new Recorder();
        Crm engine = engine(recorder, settings("tck-a"));
        Instant now = T0.truncatedTo(ChronoUnit.MICROS);
        schedule(tenant, "now", now);
        schedule(tenant, "later", now.plusNanos(1000));

        assertThat(engine.runDueWork().fired()).isEqualTo(1);
        assertThat(recorder.keys()).containsExactly("now");
        clock.advanceMicros(1);
        assertThat(engine.runDueWork().fired()).isEqualTo(1);
        assertThat(recorder.keys()).containsExactly("now", "later");
    }

    @Test
    @DisplayName("a handler's writes, and the timers it schedules and cancels, commit with the timer's removal")
    void handler_writesAndSchedulesInTheTimersTransaction() {
        TenantId tenant = crm.tenant();
        Recorder recorder = new Recorder().then(ctx -> {
            if (ctx.timer().key().equals("tick") && ctx.timer().payload().isEmpty()) {
                witness(ctx, "tck");
                ctx.schedule(KIND, "tick", ctx.now().plus(Duration.ofMinutes(1)), "again");
                ctx.schedule(KIND, "tock", ctx.now().plus(Duration.ofMinutes(2)), "");
                assertThat(ctx.cancel("doomed")).isTrue();
            }
        });
        Crm engine = engine(recorder, settings("tck-a"));
        Timer tick = schedule(tenant, "tick", T0);
        schedule(tenant, "doomed", T0.plus(Duration.ofMinutes(10)));
        track(tenant, "tock");

        assertThat(engine.runDueWork()).isEqualTo(new DueWorkResult(1, 1, 0, 0, 0, 0));

        assertThat(witnesses(engine.forTenant(tenant))).containsExactly("tck tick");
        Timer again = get(tenant, "tick").orElseThrow();
        assertThat(again.id()).isNotEqualTo(tick.id());
        assertThat(again.payload()).isEqualTo("again");
        assertThat(again.attempts()).isZero();
        assertThat(again.dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MICROS));
        assertThat(get(tenant, "tock")).isPresent();
        assertThat(get(tenant, "doomed")).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(engine.runDueWork().fired()).isEqualTo(2);
        assertThat(recorder.keys()).containsExactly("tick", "tick", "tock");
    }

    @Test
    @DisplayName("a timer rescheduled while claimed is not fired by that claim, and fires at its new instant")
    void runDueWork_skipsATimerRescheduledWhileClaimed() {
        TenantId tenant = crm.tenant();
        Recorder recorder = new Recorder().then(ctx -> {
            if (ctx.timer().key().equals("a")) {
                ctx.schedule(KIND, "b", ctx.now().plus(Duration.ofHours(1)), "moved");
            }
        });
        Crm engine = engine(recorder, settings("tck-a"));
        schedule(tenant, "a", T0.minusSeconds(2));
        Timer b = schedule(tenant, "b", T0.minusSeconds(1));

        assertThat(engine.runDueWork()).isEqualTo(new DueWorkResult(2, 1, 0, 0, 1, 0));
        assertThat(recorder.keys()).containsExactly("a");
        Timer moved = get(tenant, "b").orElseThrow();
        assertThat(moved.id()).isNotEqualTo(b.id());
        assertThat(moved.attempts()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(engine.runDueWork().fired()).isEqualTo(1);
        assertThat(recorder.attempts).last().satisfies(a -> assertThat(a.timer().payload())
                .isEqualTo("moved"));
    }

    // --- claims and leases ---

    @Test
    @DisplayName(
            "a claim leases the timer: no other claim takes it until the lease ends, then the next claim counts a new attempt")
    void claimDue_leasesTheTimerUntilTheLeaseEnds() {
        TenantId tenant = crm.tenant();
        Timer t = schedule(tenant, "k", T0);

        List<ClaimedTimer> first = claim("tck-dead", 10);
        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.timer().id()).isEqualTo(t.id());
            assertThat(c.timer().attempts()).isEqualTo(1);
            assertThat(c.owner()).isEqualTo("tck-dead");
            assertThat(c.leaseUntil()).isEqualTo(now().plus(LEASE));
        });
        ClaimedTimer held = first.get(0);
        assertThat(get(tenant, "k").orElseThrow().attempts()).isEqualTo(1);
        assertThat(claim("tck-other", 10)).isEmpty();
        clock.set(held.leaseUntil().minusNanos(1000));
        assertThat(claim("tck-other", 10)).isEmpty();
        clock.set(held.leaseUntil());
        assertThat(claim("tck-other", 10)).singleElement().satisfies(c -> {
            assertThat(c.timer().id()).isEqualTo(t.id());
            assertThat(c.timer().attempts()).isEqualTo(2);
            assertThat(c.owner()).isEqualTo("tck-other");
            assertThat(c.claimToken()).isNotEqualTo(held.claimToken());
        });
    }

    @Test
    @DisplayName("once a lease is taken over, the first claim can no longer complete, retry or park the timer")
    void complete_withATakenOverClaim_changesNothing() {
        TenantId tenant = crm.tenant();
        schedule(tenant, "k", T0);
        ClaimedTimer late = claim("tck-slow", 1).get(0);
        clock.set(late.leaseUntil());
        ClaimedTimer current = claim("tck-fast", 1).get(0);

        assertThat(write(tenant, s -> s.timers().complete(late))).isFalse();
        assertThat(write(tenant, s -> s.timers().retry(late, now()))).isFalse();
        assertThat(write(tenant, s -> s.timers().park(late, now()))).isFalse();
        assertThat(get(tenant, "k").orElseThrow().attempts()).isEqualTo(2);
        assertThat(claim("tck-third", 1)).isEmpty();

        assertThat(write(tenant, s -> s.timers().complete(current))).isTrue();
        assertThat(get(tenant, "k")).isEmpty();
        assertThat(write(tenant, s -> s.timers().complete(current))).isFalse();
    }

    @Test
    @DisplayName("a claim abandoned by a dead instance is fired by another instance after the lease, not before")
    void abandonedClaim_isTakenOverAfterItsLease() {
        TenantId tenant = crm.tenant();
        for (int i = 0; i < 5; i++) {
            schedule(tenant, "k" + i, T0.minusSeconds(i));
        }
        List<ClaimedTimer> abandoned = claim("tck-dead", 5);
        assertThat(abandoned).hasSize(5);
        Recorder recorder = new Recorder();
        Crm other = builder(anotherInstance(storage))
                .dueWork(settings("tck-b"))
                .timerHandler(KIND, recorder)
                .build();

        assertThat(other.runDueWork()).isEqualTo(DueWorkResult.NONE);
        clock.set(abandoned.get(0).leaseUntil().minusNanos(1000));
        assertThat(other.runDueWork()).isEqualTo(DueWorkResult.NONE);
        clock.set(abandoned.get(0).leaseUntil());
        assertThat(other.runDueWork()).isEqualTo(new DueWorkResult(5, 5, 0, 0, 0, 0));
        assertThat(recorder.attempts)
                .allSatisfy(a -> assertThat(a.timer().attempts()).isEqualTo(2));
        assertThat(write(tenant, s -> s.timers().complete(abandoned.get(0)))).isFalse();
    }

    @Test
    @DisplayName("release gives claimed timers back unfired: claimable at once, the attempt uncounted")
    void release_givesClaimsBackUncounted() {
        TenantId tenant = crm.tenant();
        for (int i = 0; i < 3; i++) {
            schedule(tenant, "k" + i, T0);
        }
        List<ClaimedTimer> claimed = claim("tck-stopping", 10);
        assertThat(claimed).hasSize(3);

        assertThat(queue().release(claimed, now())).isEqualTo(3);
        assertThat(queue().release(claimed, now())).isZero();
        assertThat(get(tenant, "k0").orElseThrow().attempts()).isZero();
        assertThat(claim("tck-next", 10))
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.timer().attempts()).isEqualTo(1));
    }

    // --- failures ---

    @Test
    @DisplayName(
            "a failing handler is retried after a backoff that doubles up to its ceiling, and its attempts are counted")
    void failure_isRetriedAfterADoublingBackoff() {
        TenantId tenant = crm.tenant();
        Recorder recorder = new Recorder().then(ctx -> {
            if (ctx.timer().attempts() <= 3) {
                throw new IllegalStateException(
                        "failing on purpose, attempt " + ctx.timer().attempts());
            }
        });
        Crm engine = engine(recorder, settings("tck-a").withBackoff(BACKOFF, Duration.ofSeconds(25)));
        schedule(tenant, "k", T0);

        assertThat(engine.runDueWork()).isEqualTo(new DueWorkResult(1, 0, 1, 0, 0, 0));
        assertThat(get(tenant, "k").orElseThrow().attempts()).isEqualTo(1);
        assertNothingDueAfter(engine, Duration.ofSeconds(10));
        assertThat(engine.runDueWork().failed()).isEqualTo(1);
        assertNothingDueAfter(engine, Duration.ofSeconds(20));
        assertThat(engine.runDueWork().failed()).isEqualTo(1);
        assertNothingDueAfter(engine, Duration.ofSeconds(25)); // 40 s, capped at 25 s
        assertThat(engine.runDueWork()).isEqualTo(new DueWorkResult(1, 1, 0, 0, 0, 0));
        assertThat(recorder.attempts).extracting(a -> a.timer().attempts()).containsExactly(1, 2, 3, 4);
        assertThat(get(tenant, "k")).isEmpty();
    }

    @Test
    @DisplayName("a handler that loses an optimistic race is run again at once, not after a backoff")
    void concurrencyConflict_isRetriedAtOnce() {
        TenantId tenant = crm.tenant();
        AtomicInteger calls = new AtomicInteger();
        Recorder recorder = new Recorder().then(ctx -> {
            if (calls.incrementAndGet() <= 2) {
                witness(ctx, "rolled-back");
                throw new ConcurrencyException("customer", ctx.timer().id(), 1);
            }
            witness(ctx, "tck");
        });
        Crm engine = engine(recorder, settings("tck-a"));
        schedule(tenant, "k", T0);

        assertThat(engine.runDueWork()).isEqualTo(new DueWorkResult(1, 1, 0, 0, 0, 0));
        assertThat(recorder.attempts)
                .hasSize(3)
                .allSatisfy(a -> assertThat(a.timer().attempts()).isEqualTo(1));
        assertThat(witnesses(engine.forTenant(tenant))).containsExactly("tck k");
    }

    @Test
    @DisplayName("a failing handler's writes, events and timer changes all roll back")
    void failure_rollsBackTheHandlersWrites() {
        TenantId tenant = crm.tenant();
        Recorder recorder = new Recorder().then(ctx -> {
            witness(ctx, "tck");
            ctx.schedule(KIND, "side", ctx.now(), "");
            ctx.cancel("bystander");
            throw new IllegalStateException("failing on purpose");
        });
        Crm engine = engine(recorder, settings("tck-a"));
        schedule(tenant, "k", T0);
        schedule(tenant, "bystander", T0.plus(Duration.ofDays(1)));
        track(tenant, "side");

        assertThat(engine.runDueWork()).isEqualTo(new DueWorkResult(1, 0, 1, 0, 0, 0));
        assertThat(witnesses(engine.forTenant(tenant))).isEmpty();
        assertThat(get(tenant, "side")).isEmpty();
        assertThat(get(tenant, "bystander")).isPresent();
        assertThat(get(tenant, "k").orElseThrow().isParked()).isFalse();
        assertThat(listener.events()).isEmpty();
    }

    @Test
    @DisplayName("after its last allowed attempt a timer is parked: kept, never claimed again until scheduled anew")
    void failure_afterTheLastAttempt_parksTheTimer() {
        TenantId tenant = crm.tenant();
        AtomicBoolean failing = new AtomicBoolean(true);
        Recorder recorder = new Recorder().then(ctx -> {
            if (failing.get()) {
                throw new IllegalStateException("failing on purpose");
            }
        });
        Crm engine = engine(recorder, settings("tck-a").withMaxAttempts(3));
        schedule(tenant, "k", T0);

        assertThat(engine.runDueWork().failed()).isEqualTo(1);
        clock.advance(BACKOFF);
        assertThat(engine.runDueWork().failed()).isEqualTo(1);
        clock.advance(BACKOFF.multipliedBy(2));
        assertThat(engine.runDueWork()).isEqualTo(new DueWorkResult(1, 0, 0, 1, 0, 0));

        Timer parked = get(tenant, "k").orElseThrow();
        assertThat(parked.isParked()).isTrue();
        assertThat(parked.parkedAt()).isEqualTo(now());
        assertThat(parked.attempts()).isEqualTo(3);
        clock.advance(Duration.ofDays(365));
        assertThat(engine.runDueWork()).isEqualTo(DueWorkResult.NONE);

        failing.set(false);
        schedule(tenant, "k", now());
        assertThat(get(tenant, "k").orElseThrow().isParked()).isFalse();
        assertThat(engine.runDueWork().fired()).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "a timer whose kind this instance has no handler for fails the attempt; an instance that has one fires it")
    void unknownKind_isRetriedUntilAnInstanceKnowsIt() {
        TenantId tenant = crm.tenant();
        Crm without = builder(storage).dueWork(settings("tck-old")).build();
        Recorder recorder = new Recorder();
        Crm with = engine(recorder, settings("tck-new"));
        schedule(tenant, "k", T0);

        assertThat(without.runDueWork()).isEqualTo(new DueWorkResult(1, 0, 1, 0, 0, 0));
        clock.advance(BACKOFF);
        assertThat(with.runDueWork().fired()).isEqualTo(1);
        assertThat(recorder.attempts)
                .singleElement()
                .satisfies(a -> assertThat(a.timer().attempts()).isEqualTo(2));
    }

    @Test
    @DisplayName("claims that never complete count as attempts: after too many the timer is parked without firing")
    void claimsThatNeverComplete_countAsAttempts_thenPark() {
        TenantId tenant = crm.tenant();
        Recorder recorder = new Recorder();
        Crm engine = engine(recorder, settings("tck-a").withMaxAttempts(2));
        schedule(tenant, "poison", T0);
        for (int i = 0; i < 2; i++) {
            ClaimedTimer dead = claim("tck-crashing", 1).get(0);
            clock.set(dead.leaseUntil());
        }

        assertThat(engine.runDueWork()).isEqualTo(new DueWorkResult(1, 0, 0, 1, 0, 0));
        assertThat(recorder.attempts).isEmpty();
        Timer parked = get(tenant, "poison").orElseThrow();
        assertThat(parked.isParked()).isTrue();
        assertThat(parked.attempts()).isEqualTo(3);
    }

    // --- tenants ---

    @Test
    @DisplayName(
            "timers are per tenant: the same key in two tenants is two timers, and no session touches another tenant's")
    void timers_areIsolatedByTenant() {
        TenantId a = crm.tenant();
        TenantId b = newTenant();
        Recorder recorder = new Recorder();
        Crm engine = engine(recorder, settings("tck-a"));
        Timer ofA = schedule(a, "k", T0.plusSeconds(1));
        Timer ofB = schedule(b, "k", T0.plusSeconds(2));

        assertThat(get(a, "k")).contains(ofA);
        assertThat(get(b, "k")).contains(ofB);
        assertThat(write(b, s -> s.timers().cancel("k"))).isTrue();
        assertThat(get(a, "k")).contains(ofA);
        assertThat(get(b, "k")).isEmpty();
        thrown(
                IllegalArgumentException.class,
                () -> storage.inTransaction(b, s -> {
                    s.timers().schedule(timer(a, KIND, "x", T0, ""));
                    return null;
                }));

        clock.advance(Duration.ofSeconds(1));
        ClaimedTimer claimOfA = claim("tck-a", 1).get(0);
        thrown(
                IllegalArgumentException.class,
                () -> storage.inTransaction(b, s -> s.timers().complete(claimOfA)));
        assertThat(queue().release(List.of(claimOfA), now())).isEqualTo(1);

        Timer other = schedule(b, "k", T0);
        assertThat(engine.runDueWork().fired()).isEqualTo(2);
        assertThat(recorder.attempts)
                .extracting(Recorder.Attempt::sessionTenant)
                .containsExactlyInAnyOrder(a, b);
        assertThat(recorder.attempts).allSatisfy(x -> assertThat(x.sessionTenant())
                .isEqualTo(x.timer().tenantId()));
        assertThat(other.tenantId()).isEqualTo(b);
    }

    // --- the scheduler ---

    @Test
    @DisplayName("the scheduler fires due timers on its own daemon threads and stops cleanly")
    void scheduler_firesDueTimers_andStopsCleanly() {
        TenantId tenant = crm.tenant();
        Recorder recorder = new Recorder();
        Crm engine = engine(recorder, settings("tck-a").withBatchSize(7));
        DueWorkScheduler scheduler = track(
                engine.scheduler(SchedulerSettings.defaults().withThreads(2).withPollInterval(Duration.ofMillis(5))));
        assertThat(scheduler.isRunning()).isFalse();
        scheduler.start();
        assertThat(scheduler.isRunning()).isTrue();
        assertThat(scheduler.owner()).isEqualTo("tck-a");
        thrown(IllegalStateException.class, scheduler::start);
        for (int i = 0; i < 20; i++) {
            schedule(tenant, "k" + i, T0);
        }

        await(() -> recorder.attempts.size() >= 20, "the scheduler fires 20 timers");
        assertThat(scheduler.stop()).isTrue();
        assertThat(scheduler.isRunning()).isFalse();
        assertThat(scheduler.totals().fired()).isEqualTo(20);
        assertThat(recorder.keys()).doesNotHaveDuplicates().hasSize(20);
        assertThat(recorder.attempts).allSatisfy(a -> assertThat(a.daemon()).isTrue());
        String prefix = scheduler.toString().replaceAll("\\[.*", "") + "-";
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
        assertThat(scheduler.stop()).isTrue();
    }

    @Test
    @DisplayName("stopping the scheduler finishes the timer being fired and gives the rest of its batch back")
    void scheduler_stop_givesTheRestOfTheBatchBack() throws Exception {
        TenantId tenant = crm.tenant();
        CountDownLatch firing = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        Recorder recorder = new Recorder().then(ctx -> {
            if (firing.getCount() > 0) {
                firing.countDown();
                awaitLatch(proceed);
            }
        });
        Crm engine = engine(recorder, settings("tck-a").withBatchSize(10));
        for (int i = 0; i < 10; i++) {
            schedule(tenant, "k" + i, T0.minusSeconds(10 - i));
        }
        DueWorkScheduler scheduler = track(
                        engine.scheduler(SchedulerSettings.defaults().withPollInterval(Duration.ofMillis(5))))
                .start();
        assertThat(firing.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        AtomicBoolean stopped = new AtomicBoolean();
        Thread stopper = new Thread(() -> stopped.set(scheduler.stop()), "tck-stopper");
        stopper.start();
        await(() -> !scheduler.isRunning(), "stop() marks the scheduler stopping at once");
        proceed.countDown();
        stopper.join(WAIT.toMillis());

        assertThat(stopped).isTrue();
        assertThat(scheduler.totals()).isEqualTo(new DueWorkResult(10, 1, 0, 0, 0, 9));
        Recorder next = new Recorder();
        Crm other = builder(anotherInstance(storage))
                .dueWork(settings("tck-b"))
                .timerHandler(KIND, next)
                .build();
        assertThat(other.runDueWork().fired()).isEqualTo(9);
        assertThat(next.attempts)
                .allSatisfy(a -> assertThat(a.timer().attempts()).isEqualTo(1));
        assertThat(recorder.keys()).containsExactly("k0");
    }

    @Test
    @DisplayName("when leases expire mid-batch, the other instance takes the unfired timers over and the late"
            + " completions are refused; a timer being fired is not taken over")
    void leasesExpiringMidBatch_areTakenOver_andLateCompletionsRefused() {
        // The two held firings get tenants of their own: a store may serialise a tenant's writers.
        List<TenantId> tenants = List.of(crm.tenant(), newTenant(), newTenant(), newTenant());
        for (int i = 0; i < 400; i++) {
            TenantId tenant = i == 0 ? tenants.get(2) : i == 100 ? tenants.get(3) : tenants.get(i % 2);
            schedule(tenant, KIND, "k" + i, T0.minusSeconds(400 - i), "");
        }
        CountDownLatch aFiring = new CountDownLatch(1);
        CountDownLatch bFiring = new CountDownLatch(1);
        CountDownLatch aProceeds = new CountDownLatch(1);
        CountDownLatch bProceeds = new CountDownLatch(1);
        Crm a = builder(storage)
                .dueWork(settings("tck-A").withBatchSize(100))
                .timerHandler(KIND, holdFirst(aFiring, aProceeds, "A"))
                .build();
        Crm b = builder(anotherInstance(storage))
                .dueWork(settings("tck-B").withBatchSize(100))
                .timerHandler(KIND, holdFirst(bFiring, bProceeds, "B"))
                .build();
        SchedulerSettings one = SchedulerSettings.defaults().withPollInterval(Duration.ofMillis(5));
        DueWorkScheduler schedulerA = track(a.scheduler(one)).start();
        awaitLatch(aFiring); // A holds k0..k99 and is firing k0
        DueWorkScheduler schedulerB = track(b.scheduler(one)).start();
        awaitLatch(bFiring); // B holds k100..k199 and is firing k100

        clock.advance(LEASE); // every lease has ended; k0 stays locked by A's transaction
        bProceeds.countDown();
        await(
                () -> schedulerB.totals().fired() == 399,
                () -> "B fires its batch, the rest, and A's unfired 99; B did " + schedulerB.totals());
        aProceeds.countDown();
        await(() -> schedulerA.totals().claimed() == 100, "A finishes its batch");
        assertThat(schedulerA.stop()).isTrue();
        assertThat(schedulerB.stop()).isTrue();

        assertThat(schedulerA.totals()).isEqualTo(new DueWorkResult(100, 1, 0, 0, 99, 0));
        assertThat(schedulerB.totals()).isEqualTo(new DueWorkResult(399, 399, 0, 0, 0, 0));
        Map<String, List<String>> firedBy = new HashMap<>();
        for (TenantId tenant : tenants) {
            for (String witness : witnesses(a.forTenant(tenant))) {
                String[] parts = witness.split(" ", 2);
                firedBy.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(parts[0]);
            }
        }
        assertThat(firedBy).hasSize(400).allSatisfy((key, by) -> assertThat(by).hasSize(1));
        assertThat(firedBy.get("k0")).containsExactly("A");
        for (int i = 1; i < 100; i++) {
            assertThat(firedBy.get("k" + i)).as("k%d", i).containsExactly("B");
        }
    }

    /** A handler that writes a witness, holding its instance's first firing until told to go on. */
    private static TimerHandler holdFirst(CountDownLatch firing, CountDownLatch proceed, String instance) {
        return ctx -> {
            if (firing.getCount() > 0) {
                firing.countDown();
                awaitLatch(proceed);
            }
            witness(ctx, instance);
        };
    }

    // --- the proof ---

    /**
     * The proof, on one store, with two engine instances A and B (two {@code Crm} over two storage
     * objects on the same data, as {@link #anotherInstance} gives), each a scheduler of four
     * threads, and timers due within the last hour in eight tenants. Every firing writes a witness
     * customer named {@code "<instance> <key>"} in its transaction, so the witnesses are exactly
     * the firings that committed, and a timer fired twice would show two.
     *
     * <ol>
     *   <li>Both fire. B is killed at its {@code total / 10}-th firing: from then on every call it
     *       makes fails, as if its process had died, and what it claimed stays claimed.
     *   <li>A fires everything else, but none of what B still holds while those leases run.
     *   <li>The clock moves a lease on, and A takes B's timers over.
     * </ol>
     *
     * <p>Then every key must have exactly one witness.
     */
    @Test
    @DisplayName("10,000 timers, two instances of four threads: each fires exactly once, and an instance killed"
            + " mid-batch loses none (another takes its timers over after the lease)")
    void manyTimers_twoInstances_fireExactlyOnce_andAKilledInstanceLosesNone(TestReporter reporter) {
        int total = Seeds.intProperty("rapport.tck.timers", 10_000);
        int threads = Seeds.intProperty("rapport.tck.timerThreads", 4);
        long seed = Seeds.seeds(1, "rapport.tck.timerSeeds")[0];
        SplittableRandom random = new SplittableRandom(seed);
        String seedNote = Seeds.describe(seed);
        List<TenantId> tenants = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tenants.add(newTenant());
        }
        Map<TenantId, List<Timer>> byTenant = new LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            TenantId tenant = tenants.get(i % tenants.size());
            Instant due = T0.minusMillis(random.nextLong(3_600_000));
            byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(timer(tenant, KIND, "proof:" + i, due, ""));
        }
        byTenant.forEach((tenant, timers) -> {
            for (int from = 0; from < timers.size(); from += 1000) {
                List<Timer> chunk = timers.subList(from, Math.min(timers.size(), from + 1000));
                storage.inTransaction(tenant, s -> {
                    s.timers().scheduleAll(chunk);
                    return null;
                });
            }
        });

        KillableStorage instanceA = new KillableStorage("A", storage);
        KillableStorage instanceB = new KillableStorage("B", anotherInstance(storage));
        int killAt = Math.max(1, total / 10);
        AtomicInteger attemptsOfB = new AtomicInteger();
        TimerHandler fireOnA = ctx -> witness(ctx, "A");
        TimerHandler fireOnB = ctx -> {
            if (attemptsOfB.incrementAndGet() == killAt) {
                instanceB.kill();
            }
            instanceB.check();
            witness(ctx, "B");
        };
        DueWorkSettings dueWork = DueWorkSettings.defaults().withLease(LEASE).withBatchSize(100);
        SchedulerSettings polling =
                SchedulerSettings.defaults().withThreads(threads).withPollInterval(Duration.ofMillis(20));
        Crm a = builder(instanceA)
                .dueWork(dueWork.withOwner("tck-A"))
                .timerHandler(KIND, fireOnA)
                .build();
        Crm b = builder(instanceB)
                .dueWork(dueWork.withOwner("tck-B"))
                .timerHandler(KIND, fireOnB)
                .build();
        DueWorkScheduler schedulerA = track(a.scheduler(polling));
        DueWorkScheduler schedulerB = track(b.scheduler(polling));

        long start = System.nanoTime();
        schedulerA.start();
        schedulerB.start();
        await(instanceB::isKilled, "instance B reaches its " + killAt + "th firing and dies; " + seedNote);
        assertThat(schedulerB.stop()).as("B's threads end").isTrue();
        long killed = System.nanoTime();

        Set<String> firedByB = new HashSet<>();
        for (TenantId tenant : tenants) {
            CustomerQuery ofB =
                    CustomerQuery.where(CustomerCriteria.namePrefix("B ")).limit(CustomerQuery.MAX_LIMIT);
            for (Customer w : listAll(a.forTenant(tenant), ofB)) {
                firedByB.add(w.displayName().substring(2));
            }
        }
        Set<String> heldByDeadB = new HashSet<>();
        for (ClaimedTimer c : instanceB.claims()) {
            if (!firedByB.contains(c.timer().key())) {
                heldByDeadB.add(c.timer().key());
            }
        }
        int stranded = heldByDeadB.size();
        int firedBeforeDeath = firedByB.size();
        await(
                () -> schedulerA.totals().fired() + firedBeforeDeath == total - stranded,
                "instance A fires every timer but the " + stranded + " that dead instance B still holds; " + seedNote);
        long drained = System.nanoTime();
        assertThat(stranded).as("timers B claimed and never fired").isPositive();
        assertThat(probe(now(), tenants))
                .as("nothing is claimable while B's leases run")
                .isEmpty();

        clock.advance(LEASE);
        await(
                () -> schedulerA.totals().fired() + firedBeforeDeath == total,
                "instance A takes over B's " + stranded + " timers; " + seedNote);
        long done = System.nanoTime();
        assertThat(schedulerA.stop()).isTrue();

        Map<String, List<String>> firedBy = new HashMap<>();
        for (TenantId tenant : tenants) {
            for (String witness : witnesses(a.forTenant(tenant))) {
                String[] parts = witness.split(" ", 2);
                firedBy.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(parts[0]);
            }
        }
        Set<String> claimedByA = new HashSet<>();
        instanceA.claims().forEach(c -> claimedByA.add(c.timer().key()));
        Set<String> claimedByBoth = new HashSet<>();
        instanceB.claims().forEach(c -> {
            if (claimedByA.contains(c.timer().key())) {
                claimedByBoth.add(c.timer().key());
            }
        });
        int doubles = 0;
        int lost = 0;
        int takenOver = 0;
        for (int i = 0; i < total; i++) {
            String key = "proof:" + i;
            List<String> by = firedBy.getOrDefault(key, List.of());
            doubles += Math.max(0, by.size() - 1);
            lost += by.isEmpty() ? 1 : 0;
            if (heldByDeadB.contains(key) && by.equals(List.of("A"))) {
                takenOver++;
            }
        }
        DueWorkResult ofA = schedulerA.totals();
        double elapsed = (drained - start) / 1e9;
        String figures = String.format(
                Locale.ROOT,
                "[rapport-tck] timer proof on %s: timers %d, instances 2 x %d threads; elapsed %.2f s until all but"
                        + " the killed instance's were fired (%.0f timers/s), takeover %.2f s after their lease ended;"
                        + " B killed after %.2f s; fired by A %d, by B %d (it claimed %d); claimed by both instances %d,"
                        + " completions refused %d; doubles %d, lost %d, taken over from the killed instance %d; %s",
                storage,
                total,
                threads,
                elapsed,
                (total - stranded) / elapsed,
                (done - drained) / 1e9,
                (killed - start) / 1e9,
                ofA.fired(),
                firedBeforeDeath,
                instanceB.claims().size(),
                claimedByBoth.size(),
                ofA.lost(),
                doubles,
                lost,
                takenOver,
                seedNote);
        LOG.info("{}", figures);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("timers", String.valueOf(total));
        entries.put("instances", "2 x " + threads);
        entries.put("elapsedSeconds", String.format(Locale.ROOT, "%.2f", elapsed));
        entries.put("claimedByBoth", String.valueOf(claimedByBoth.size()));
        entries.put("refusedCompletions", String.valueOf(ofA.lost()));
        entries.put("doubles", String.valueOf(doubles));
        entries.put("lost", String.valueOf(lost));
        entries.put("takenOver", String.valueOf(takenOver));
        reporter.publishEntry(entries);

        assertThat(doubles).as("timers fired more than once; " + seedNote).isZero();
        assertThat(lost).as("timers never fired; " + seedNote).isZero();
        assertThat(takenOver).as("B's stranded timers fired by A").isEqualTo(stranded);
        assertThat(claimedByBoth)
                .as("the timers claimed twice are B's stranded ones")
                .isEqualTo(heldByDeadB);
        assertThat(ofA.fired() + firedBeforeDeath).isEqualTo(total);
        assertThat(ofA.failed() + ofA.parked() + ofA.lost()).isZero();
        assertThat(witnessCount(a, tenants)).isEqualTo(total);
        assertThat(probe(now(), tenants)).as("no timer is left").isEmpty();
    }

    // --- helpers ---

    /** A handler that records every attempt, committed or not, then does what the test says. */
    static final class Recorder implements TimerHandler {
        /**
         * One attempt.
         *
         * @param timer the timer being fired
         * @param sessionTenant the tenant of the handler's session
         * @param contextTenant the tenant the context reports
         * @param now the context's instant
         * @param daemon whether the firing thread is a daemon
         */
        record Attempt(Timer timer, TenantId sessionTenant, TenantId contextTenant, Instant now, boolean daemon) {}

        final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        private volatile Consumer<TimerContext> action = ctx -> {};

        Recorder then(Consumer<TimerContext> next) {
            action = next;
            return this;
        }

        @Override
        public void fire(TimerContext context) {
            attempts.add(new Attempt(
                    context.timer(),
                    context.session().tenant(),
                    context.tenant(),
                    context.now(),
                    Thread.currentThread().isDaemon()));
            action.accept(context);
        }

        List<String> keys() {
            return attempts.stream().map(a -> a.timer().key()).toList();
        }
    }

    /**
     * Writes, in the handler's transaction, a customer named {@code "<instance> <key>"}: it exists
     * if and only if that firing committed, so counting them counts committed firings.
     */
    private static void witness(TimerContext ctx, String instance) {
        Instant now = ctx.now();
        ctx.session()
                .customers()
                .insert(new Customer(
                        CustomerId.of(UUID.randomUUID()),
                        1,
                        now,
                        now,
                        instance + " " + ctx.timer().key(),
                        null,
                        null,
                        List.of(),
                        Preferences.NONE,
                        LifecycleStage.LEAD,
                        List.of(),
                        Map.of()));
    }

    private static List<String> witnesses(Crm view) {
        return listAll(view).stream().map(Customer::displayName).toList();
    }

    private static long witnessCount(Crm view, List<TenantId> tenants) {
        long count = 0;
        for (TenantId tenant : tenants) {
            count += view.forTenant(tenant).customers().count(CustomerCriteria.all());
        }
        return count;
    }

    private DueWorkSettings settings(String owner) {
        return DueWorkSettings.defaults()
                .withOwner(owner)
                .withLease(LEASE)
                .withBackoff(BACKOFF, Duration.ofMinutes(10));
    }

    private Crm engine(TimerHandler handler, DueWorkSettings settings) {
        return builder(storage).dueWork(settings).timerHandler(KIND, handler).build();
    }

    private DueWorkScheduler track(DueWorkScheduler scheduler) {
        schedulers.add(scheduler);
        return scheduler;
    }

    private void track(TenantId tenant, String key) {
        scheduledKeys.add(Map.entry(tenant, key));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Timer timer(TenantId tenant, String kind, String key, Instant due, String payload) {
        return Timer.scheduled(TimerId.of(UUID.randomUUID()), tenant, kind, key, due, payload);
    }

    private Timer schedule(TenantId tenant, String key, Instant due) {
        return schedule(tenant, KIND, key, due, "");
    }

    private Timer schedule(TenantId tenant, String kind, String key, Instant due, String payload) {
        Timer timer = timer(tenant, kind, key, due, payload);
        track(tenant, key);
        storage.inTransaction(tenant, s -> {
            s.timers().schedule(timer);
            return null;
        });
        return timer;
    }

    /** Runs a write that answers yes or no, in one transaction. */
    private boolean write(TenantId tenant, Predicate<StorageSession> work) {
        return storage.<Boolean>inTransaction(tenant, work::test);
    }

    private Optional<Timer> get(TenantId tenant, String key) {
        return storage.read(tenant, s -> s.timers().get(key));
    }

    private TimerQueue queue() {
        return storage.timerQueue().orElseThrow();
    }

    private List<ClaimedTimer> claim(String owner, int limit) {
        Instant now = now();
        return queue().claimDue(now, limit, owner, now.plus(LEASE));
    }

    /**
     * Looks for claimable timers without keeping them: claims what is available at the instant,
     * gives it all back at once, and returns those of the given tenants.
     */
    private List<ClaimedTimer> probe(Instant at, List<TenantId> tenants) {
        List<ClaimedTimer> found = queue().claimDue(at, TimerQueue.MAX_CLAIM, "tck-probe", at.plus(LEASE));
        queue().release(found, at);
        return found.stream()
                .filter(c -> tenants.contains(c.timer().tenantId()))
                .toList();
    }

    /** Advances the clock by less than the wait, checks nothing is due, then completes the wait. */
    private void assertNothingDueAfter(Crm engine, Duration wait) {
        clock.advance(wait.minusNanos(1000));
        assertThat(engine.runDueWork()).as("due work %s early", "1 µs").isEqualTo(DueWorkResult.NONE);
        clock.advanceMicros(1);
    }

    /** Waits, in real time, for what the engine's threads do; the test's clock stands still. */
    private static void await(BooleanSupplier condition, String what) {
        await(condition, () -> what);
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after " + WAIT + " waiting until " + what.get() + schedulerThreads());
            }
            try {
                // Polls state kept by the scheduler's own threads, which signal nothing a latch
                // could wait on; the clock these tests control does not move threads that are
                // parked on a real poll interval. Bounded by WAIT.
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    /** @return the stacks of the schedulers' threads, to see what they are stuck on */
    private static String schedulerThreads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("rapport-due-work")) {
                out.append("\n").append(thread.getName()).append(" ").append(thread.getState());
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    out.append("\n\tat ").append(stack[i]);
                }
            }
        });
        return out.toString();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the test never let the handler proceed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
