package dev.rapport.crm.timers.internal;

import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.spi.TimerQueue;
import dev.rapport.crm.timers.DueWorkResult;
import dev.rapport.crm.timers.DueWorkSettings;
import dev.rapport.crm.timers.TimerHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim-and-fire loop (see {@link TimerQueue} for the protocol). Claims a batch, fires each
 * timer in its own tenant transaction that first completes the timer (guarded by the claim
 * token) and then runs the handler, and claims again until nothing is due. Shared by every tenant
 * view of a {@code Crm} and by its schedulers; thread-safe.
 */
public final class DueWork {
    private static final Logger log = LoggerFactory.getLogger(DueWork.class);

    private final Engine engine;
    private final Map<String, TimerHandler> handlers;
    private final DueWorkSettings settings;

    /** What happened to one claimed timer. */
    private enum Outcome {
        FIRED,
        FAILED,
        PARKED,
        LOST
    }

    /**
     * @param engine the engine
     * @param handlers the handlers by kind
     * @param settings the settings, validated
     */
    public DueWork(Engine engine, Map<String, TimerHandler> handlers, DueWorkSettings settings) {
        this.engine = engine;
        this.handlers = Map.copyOf(handlers);
        this.settings = settings;
    }

    /** @return the settings */
    public DueWorkSettings settings() {
        return settings;
    }

    /**
     * Claims and fires due timers of every tenant until a claim finds none, {@code maxTimers} have
     * been claimed, or {@code stopping} says so (checked before each timer; the unfired rest of
     * the batch is then given back).
     *
     * @param owner the name to claim under
     * @param maxTimers the most timers to claim
     * @param stopping whether to stop
     * @return what was done
     * @throws UnsupportedOperationException if the storage does not store timers
     */
    public DueWorkResult run(String owner, int maxTimers, BooleanSupplier stopping) {
        TimerQueue queue = engine.storage()
                .timerQueue()
                .orElseThrow(() -> new UnsupportedOperationException(
                        "the storage adapter " + engine.storage() + " does not store timers"));
        int claimed = 0;
        int fired = 0;
        int failed = 0;
        int parked = 0;
        int lost = 0;
        int released = 0;
        while (claimed < maxTimers && !stopping.getAsBoolean()) {
            int want = Math.min(settings.batchSize(), maxTimers - claimed);
            Instant now = engine.now();
            List<ClaimedTimer> batch = queue.claimDue(now, want, owner, now.plus(settings.lease()));
            if (batch.isEmpty()) {
                break;
            }
            claimed += batch.size();
            for (int i = 0; i < batch.size(); i++) {
                if (stopping.getAsBoolean()) {
                    released += giveBack(queue, batch.subList(i, batch.size()));
                    break;
                }
                switch (fire(batch.get(i))) {
                    case FIRED -> fired++;
                    case FAILED -> failed++;
                    case PARKED -> parked++;
                    case LOST -> lost++;
                }
            }
        }
        DueWorkResult result = new DueWorkResult(claimed, fired, failed, parked, lost, released);
        if (claimed > 0) {
            log.debug("{}: {}", owner, result);
        }
        return result;
    }

    private int giveBack(TimerQueue queue, List<ClaimedTimer> rest) {
        try {
            int released = queue.release(rest, engine.now());
            log.debug("gave back {} of {} claimed timers unfired", released, rest.size());
            return released;
        } catch (RuntimeException e) {
            log.warn(
                    "could not give back {} claimed timers; they are claimable again when their lease ends",
                    rest.size(),
                    e);
            return 0;
        }
    }

    /** Fires one claimed timer. An Error (from the handler or the storage) propagates. */
    private Outcome fire(ClaimedTimer claim) {
        Timer timer = claim.timer();
        if (timer.attempts() > settings.maxAttempts()) {
            // Earlier claims ended without completing or failing it: instances died while firing it.
            return fail(claim, null, "its earlier claims ended without completing it");
        }
        TimerHandler handler = handlers.get(timer.kind());
        if (handler == null) {
            return fail(claim, null, "no handler is registered for its kind on this instance");
        }
        try {
            // Re-runnable as a whole (a rolled-back completion matches again), so a handler that
            // loses an optimistic race is run again at once, as the engine's own commands are.
            boolean completed = engine.executeRetrying(timer.tenantId(), ctx -> {
                if (!ctx.session().timers().complete(claim)) {
                    return false;
                }
                handler.fire(new DefaultTimerContext(ctx, timer));
                return true;
            });
            if (!completed) {
                log.debug(
                        "timer {} of tenant {} no longer held by its claim (lease taken over, rescheduled or cancelled)",
                        timer.id(),
                        timer.tenantId());
                return Outcome.LOST;
            }
            log.trace("fired timer {} ({}) of tenant {}", timer.id(), timer.kind(), timer.tenantId());
            return Outcome.FIRED;
        } catch (RuntimeException e) {
            return fail(claim, e, "its handler failed");
        }
    }

    /**
     * Records a failed attempt in a new transaction: retry after the backoff, or park after the
     * last attempt. If that cannot be written, the lease hands the timer to a later claim anyway.
     */
    private Outcome fail(ClaimedTimer claim, @Nullable RuntimeException cause, String why) {
        Timer timer = claim.timer();
        TenantId tenant = timer.tenantId();
        boolean last = timer.attempts() >= settings.maxAttempts();
        Instant now = engine.now();
        Instant retryAt = now.plus(settings.backoffAfter(timer.attempts()));
        boolean held;
        try {
            held = engine.storage()
                    .inTransaction(
                            tenant,
                            s -> last ? s.timers().park(claim, now) : s.timers().retry(claim, retryAt));
        } catch (RuntimeException e) {
            if (cause != null) {
                e.addSuppressed(cause);
            }
            log.error(
                    "timer {} ({}) of tenant {} failed ({}) and the failure could not be recorded;"
                            + " it is claimable again when its lease ends",
                    timer.id(),
                    timer.kind(),
                    tenant,
                    why,
                    e);
            return Outcome.FAILED;
        }
        if (!held) {
            log.debug("timer {} of tenant {} failed but its claim no longer held", timer.id(), tenant);
            return Outcome.LOST;
        }
        if (last) {
            log.warn(
                    "timer {} ({}) of tenant {} parked after {} attempts: {}",
                    timer.id(),
                    timer.kind(),
                    tenant,
                    timer.attempts(),
                    why,
                    cause);
            return Outcome.PARKED;
        }
        log.warn(
                "timer {} ({}) of tenant {} failed on attempt {} of {}: {}; next attempt from {}",
                timer.id(),
                timer.kind(),
                tenant,
                timer.attempts(),
                settings.maxAttempts(),
                why,
                retryAt,
                cause);
        return Outcome.FAILED;
    }
}
