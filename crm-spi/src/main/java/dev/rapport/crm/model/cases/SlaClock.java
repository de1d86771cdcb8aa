package dev.rapport.crm.model.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One metric's clock on a case: when it started, the pauses it had, and when it is due or when it
 * stopped. The engine keeps it at every change of the case; {@link #dueAt()} is then exact for the
 * policy's target and calendar, and recomputed from {@link #startedAt()} and {@link #pauses()}
 * whenever the target or calendar changes.
 *
 * @param metric what it measures
 * @param target the time allowed
 * @param businessTime whether the target counts the calendar's open time only
 * @param startedAt when it started
 * @param pauses the spans it stood still, oldest first; the last one is open-ended (its {@link
 *     Pause#until()} null) while it is paused now
 * @param dueAt when the target is reached if the clock keeps running, or, once stopped, when it
 *     was due; null while paused, unless the target was used up before the pause began (then
 *     when it was due)
 * @param stoppedAt when the metric was met (or the clock otherwise stopped), if it was
 * @param breached whether the clock had passed its due time when it stopped
 * @param atRiskAt when the tenant's at-risk fraction of the target will have been used if the
 *     clock keeps running; null while paused or stopped
 * @param atRiskNotified whether {@code case.sla-at-risk} was emitted for this clock
 * @param breachNotified whether {@code case.sla-breached} was emitted for this clock (it is, once,
 *     when the clock is still running at its due time)
 * @since 0.3
 */
public record SlaClock(
        SlaMetric metric,
        Duration target,
        boolean businessTime,
        Instant startedAt,
        List<Pause> pauses,
        @Nullable Instant dueAt,
        @Nullable Instant stoppedAt,
        boolean breached,
        @Nullable Instant atRiskAt,
        boolean atRiskNotified,
        boolean breachNotified) {

    /**
     * A span a clock stood still.
     *
     * @param from when it stopped running
     * @param until when it ran again, or null while it stands
     */
    public record Pause(Instant from, @Nullable Instant until) {
        /** Checks presence. */
        public Pause {
            Objects.requireNonNull(from, "from");
        }
    }

    /** Checks presence and copies the pauses. */
    public SlaClock {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(startedAt, "startedAt");
        pauses = List.copyOf(pauses);
    }

    /** @return whether it is running now: neither stopped nor paused */
    public boolean running() {
        return stoppedAt == null
                && (pauses.isEmpty() || pauses.get(pauses.size() - 1).until() != null);
    }
}
