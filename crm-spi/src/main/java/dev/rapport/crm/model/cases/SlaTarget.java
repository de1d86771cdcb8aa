package dev.rapport.crm.model.cases;

import dev.rapport.crm.model.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * One promise of a service-level policy: a metric within a duration.
 *
 * @param metric what is measured
 * @param within the time allowed, positive, at most 10 years
 * @param businessTime true to count only the policy calendar's open time ("within 8 business
 *     hours"), false to count every hour ("within 24 hours")
 * @since 0.3
 */
public record SlaTarget(SlaMetric metric, Duration within, boolean businessTime) {
    /** Checks presence and range. */
    public SlaTarget {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(within, "within");
        if (within.isNegative() || within.isZero() || within.compareTo(Duration.ofDays(3653)) > 0) {
            throw ValidationException.of("within", "must be positive and at most 10 years, was " + within);
        }
    }

    /**
     * @param metric what is measured
     * @param within the open time of the policy's calendar allowed
     * @return a target in business time
     */
    public static SlaTarget business(SlaMetric metric, Duration within) {
        return new SlaTarget(metric, within, true);
    }

    /**
     * @param metric what is measured
     * @param within the elapsed time allowed
     * @return a target in calendar time
     */
    public static SlaTarget calendar(SlaMetric metric, Duration within) {
        return new SlaTarget(metric, within, false);
    }
}
