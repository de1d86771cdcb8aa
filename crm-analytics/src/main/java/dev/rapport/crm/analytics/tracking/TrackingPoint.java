package dev.rapport.crm.analytics.tracking;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Repeat purchases in one period: what happened and what the model expected.
 *
 * @param start first day of the period, inclusive
 * @param end first day after the period, exclusive
 * @param actual repeat purchases observed in the period
 * @param expected repeat purchases the model expects in the period for the same customers
 * @since 0.1.0
 */
public record TrackingPoint(LocalDate start, LocalDate end, double actual, double expected) {
    /** Validates the point. */
    public TrackingPoint {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("period end " + end + " must be after its start " + start);
        }
    }
}
