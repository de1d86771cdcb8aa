package dev.rapport.crm.analytics.summary;

import dev.rapport.crm.analytics.TimeUnit;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A calibration/holdout split: purchases up to {@code calibrationEnd} (inclusive) are summarised
 * for fitting; purchases after it up to {@code holdoutEnd} (inclusive) are kept as the actual
 * outcome to compare predictions with. Customers whose first purchase is after {@code
 * calibrationEnd} are left out. Purchases are collapsed by {@code period} on each side of the
 * split separately.
 *
 * @param calibrationEnd last day of the calibration period, inclusive
 * @param holdoutEnd last day of the holdout period, inclusive, after {@code calibrationEnd}
 * @param unit the unit of recency, age and the holdout length
 * @param period the collapsing period
 * @since 0.1.0
 */
public record HoldoutSpec(LocalDate calibrationEnd, LocalDate holdoutEnd, TimeUnit unit, TimeUnit period) {
    /** Validates the spec. */
    public HoldoutSpec {
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(holdoutEnd, "holdoutEnd");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(period, "period");
        if (!holdoutEnd.isAfter(calibrationEnd)) {
            throw new IllegalArgumentException(
                    "holdoutEnd " + holdoutEnd + " must be after calibrationEnd " + calibrationEnd);
        }
    }

    /**
     * A split collapsing purchases by day.
     *
     * @param calibrationEnd last calibration day, inclusive
     * @param holdoutEnd last holdout day, inclusive
     * @param unit the unit of times
     * @return the spec
     */
    public static HoldoutSpec of(LocalDate calibrationEnd, LocalDate holdoutEnd, TimeUnit unit) {
        return new HoldoutSpec(calibrationEnd, holdoutEnd, unit, TimeUnit.DAY);
    }

    /**
     * The calibration side as a summary spec.
     *
     * @return the spec ending at {@code calibrationEnd}
     */
    public SummarySpec calibration() {
        return new SummarySpec(calibrationEnd, unit, period);
    }
}
