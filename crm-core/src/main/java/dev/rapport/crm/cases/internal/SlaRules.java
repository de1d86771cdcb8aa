package dev.rapport.crm.cases.internal;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.model.cases.SlaClock;
import dev.rapport.crm.model.cases.SlaPolicy;
import dev.rapport.crm.model.cases.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Service-level clocks: which policy applies to a case, and each target's clock after a change.
 * Pure functions of the case before and after, the policy and the time; the engine calls them at
 * every case write.
 *
 * <ul>
 *   <li>A clock's natural stop: the first agent reply (first response), the agent reply after the
 *       waiting customer message (next response), never while the case is active (resolution).
 *   <li>When the case stops being active (solved, closed), every running clock stops then; when it
 *       is reopened, clocks that stopped for that reason run again, the solved span counted as a
 *       pause (under every policy, pausing while waiting or not). A clock stops once: a reply to a
 *       solved case meets its metric but leaves the clock stopped where the solve stopped it.
 *   <li>Under a policy that pauses while waiting, entering pending or on hold pauses every running
 *       clock and leaving it resumes them.
 *   <li>Due times are computed from the start and the pauses, so a changed target or calendar
 *       gives the exact new due time: remaining time is spent segment by segment between pauses.
 * </ul>
 */
final class SlaRules {
    private SlaRules() {}

    static final Comparator<SlaPolicy> ORDER =
            Comparator.comparingInt(SlaPolicy::rank).thenComparing(SlaPolicy::id);

    /**
     * @param policies the tenant's policies
     * @param c the case
     * @param customerAttributes the customer's attributes, read only if a policy asks
     * @return the first policy, by rank, whose conditions all hold
     */
    static Optional<SlaPolicy> match(
            List<SlaPolicy> policies, Case c, Supplier<Map<String, AttributeValue>> customerAttributes) {
        List<SlaPolicy> sorted = new ArrayList<>(policies);
        sorted.sort(ORDER);
        Map<String, AttributeValue> attributes = null;
        for (SlaPolicy p : sorted) {
            if (!p.priorities().isEmpty() && !p.priorities().contains(c.priority())) {
                continue;
            }
            if (!p.channels().isEmpty() && !p.channels().contains(c.origin())) {
                continue;
            }
            if (!p.tags().isEmpty() && Collections.disjoint(p.tags(), c.tags())) {
                continue;
            }
            if (!p.customerAttributes().isEmpty()) {
                if (attributes == null) {
                    attributes = customerAttributes.get();
                }
                Map<String, AttributeValue> held = attributes;
                if (!p.customerAttributes().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(held.get(e.getKey())))) {
                    continue;
                }
            }
            return Optional.of(p);
        }
        return Optional.empty();
    }

    static boolean waiting(@Nullable CaseStatus s) {
        return s == CaseStatus.PENDING || s == CaseStatus.ON_HOLD;
    }

    /**
     * @param policy the policy that applies after the change
     * @param before the case before the change, or null if it is new
     * @param c the case after the change (its clocks still those before)
     * @param now the command's time
     * @return the clocks after the change, one per target, in metric order
     */
    static List<SlaClock> clocks(SlaPolicy policy, @Nullable Case before, Case c, Instant now, double atRisk) {
        List<SlaTarget> targets = new ArrayList<>(policy.targets());
        targets.sort(Comparator.comparing(SlaTarget::metric));
        List<SlaClock> out = new ArrayList<>();
        boolean active = c.status().isActive();
        boolean pauseNow = policy.pauseWhileWaiting() && waiting(c.status());
        for (SlaTarget t : targets) {
            SlaClock prior = c.sla(t.metric()).orElse(null);
            Instant start;
            Instant natural;
            switch (t.metric()) {
                case FIRST_RESPONSE:
                    start = c.createdAt();
                    natural = c.facts().firstResponseAt();
                    break;
                case RESOLUTION:
                    start = c.createdAt();
                    natural = null;
                    break;
                default:
                    Instant waitingSince = c.facts().awaitingReplySince();
                    if (waitingSince != null) {
                        start = waitingSince;
                        natural = null;
                    } else if (prior != null) {
                        start = prior.startedAt();
                        natural = prior.stoppedAt() != null
                                ? prior.stoppedAt()
                                : c.facts().lastAgentReplyAt() != null
                                        ? c.facts().lastAgentReplyAt()
                                        : now;
                    } else {
                        continue;
                    }
                    break;
            }
            boolean samePeriod = prior != null && prior.startedAt().equals(start);
            // Kept whatever the policy says of waiting: a solved span is a pause under every policy.
            List<SlaClock.Pause> pauses = samePeriod ? new ArrayList<>(prior.pauses()) : new ArrayList<>();
            Instant stop;
            if (natural != null) {
                // A clock the solve stopped first keeps that stop (a reply to a solved case is late).
                stop = samePeriod
                                && prior.stoppedAt() != null
                                && prior.stoppedAt().isBefore(natural)
                        ? prior.stoppedAt()
                        : natural;
            } else if (!active) {
                stop = samePeriod && prior.stoppedAt() != null ? prior.stoppedAt() : now;
            } else {
                stop = null;
                if (samePeriod && prior.stoppedAt() != null && prior.stoppedAt().isBefore(now)) {
                    pauses.add(new SlaClock.Pause(prior.stoppedAt(), now));
                }
            }
            boolean open = !pauses.isEmpty() && pauses.get(pauses.size() - 1).until() == null;
            if (stop == null && pauseNow && !open) {
                pauses.add(new SlaClock.Pause(now, null));
            } else if (open && (stop != null || !pauseNow)) {
                SlaClock.Pause last = pauses.remove(pauses.size() - 1);
                Instant until = stop != null && stop.isBefore(now) ? max(stop, last.from()) : now;
                pauses.add(new SlaClock.Pause(last.from(), until));
            }
            Instant due = due(policy, t, start, pauses);
            boolean breached = stop != null && due != null && stop.isAfter(due);
            boolean running = stop == null
                    && (pauses.isEmpty() || pauses.get(pauses.size() - 1).until() != null);
            Instant atRiskAt = running ? due(policy, fraction(t, atRisk), start, pauses) : null;
            boolean atRiskNotified = samePeriod && prior.atRiskNotified();
            boolean breachNotified = samePeriod && prior.breachNotified();
            out.add(new SlaClock(
                    t.metric(),
                    t.within(),
                    t.businessTime(),
                    start,
                    pauses,
                    due,
                    stop,
                    breached,
                    atRiskAt,
                    atRiskNotified,
                    breachNotified));
        }
        return out;
    }

    /** The target's at-risk part, to the microsecond, at least one microsecond. */
    private static SlaTarget fraction(SlaTarget t, double atRisk) {
        long micros = Math.max(1, (long) Math.floor(t.within().toNanos() / 1000.0 * atRisk));
        return new SlaTarget(t.metric(), Duration.ofNanos(micros * 1000), t.businessTime());
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * @return when the target's time is used up, spending it segment by segment between pauses;
     *     null if it is not used up before a pause that has not ended
     */
    static @Nullable Instant due(SlaPolicy policy, SlaTarget target, Instant start, List<SlaClock.Pause> pauses) {
        Duration remaining = target.within();
        Instant cursor = start;
        for (SlaClock.Pause p : pauses) {
            if (p.from().isAfter(cursor)) {
                Duration segment = elapsed(policy, target, cursor, p.from());
                if (segment.compareTo(remaining) >= 0) {
                    return plus(policy, target, cursor, remaining);
                }
                remaining = remaining.minus(segment);
            }
            if (p.until() == null) {
                return null;
            }
            cursor = max(cursor, p.until());
        }
        return plus(policy, target, cursor, remaining);
    }

    private static Duration elapsed(SlaPolicy policy, SlaTarget target, Instant a, Instant b) {
        return target.businessTime() ? policy.calendar().between(a, b) : Duration.between(a, b);
    }

    /** To the microsecond, the precision every store keeps. */
    private static Instant plus(SlaPolicy policy, SlaTarget target, Instant from, Duration d) {
        Instant at = target.businessTime() ? policy.calendar().plus(from, d) : from.plus(d);
        return at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
