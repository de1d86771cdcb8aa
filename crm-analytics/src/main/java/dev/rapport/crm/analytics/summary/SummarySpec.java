package dev.rapport.crm.analytics.summary;

import dev.rapport.crm.analytics.TimeUnit;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How to summarise purchases: the last day of the observation window (inclusive; later purchases
 * are ignored), the unit recency and age are measured in, and the period within which purchases
 * collapse into one.
 *
 * <p>The CDNOW literature uses period {@link TimeUnit#DAY} and unit {@link TimeUnit#WEEK}
 * ({@code SummarySpec.of(LocalDate.of(1997, 9, 30), TimeUnit.WEEK)}): same-day purchases count
 * once and times are fractional weeks.
 *
 * @param observationEnd the last day observed, inclusive
 * @param unit the unit of recency and age
 * @param period the collapsing period; times are measured between period starts
 * @since 0.1.0
 */
public record SummarySpec(LocalDate observationEnd, TimeUnit unit, TimeUnit period) {
    /** Validates the spec. */
    public SummarySpec {
        Objects.requireNonNull(observationEnd, "observationEnd");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(period, "period");
    }

    /**
     * A spec collapsing purchases by day.
     *
     * @param observationEnd the last day observed, inclusive
     * @param unit the unit of recency and age
     * @return the spec
     */
    public static SummarySpec of(LocalDate observationEnd, TimeUnit unit) {
        return new SummarySpec(observationEnd, unit, TimeUnit.DAY);
    }

    /**
     * A copy with another collapsing period.
     *
     * @param newPeriod the period
     * @return the copy
     */
    public SummarySpec withPeriod(TimeUnit newPeriod) {
        return new SummarySpec(observationEnd, unit, newPeriod);
    }
}
