package dev.rapport.crm.analytics;

import java.util.Objects;

/**
 * An amount of time with its unit: the forecast horizon of a prediction ("the next 39 weeks").
 *
 * <p>Equality is that of the record: same amount and same unit, so 7 days and 1 week are different
 * values (compare {@link #in(TimeUnit)} to compare lengths); {@code -0.0} is stored as {@code 0.0}.
 *
 * @param amount the length, finite and not negative
 * @param unit the unit of {@code amount}
 * @since 0.1.0
 */
public record TimeSpan(double amount, TimeUnit unit) {
    /** Validates the span. */
    public TimeSpan {
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException("a time span must be finite and not negative, was " + amount);
        }
        amount = amount + 0.0; // -0.0 becomes 0.0, so that equal spans are equal records
    }

    /**
     * A span of {@code amount} units.
     *
     * @param amount the length, finite and not negative
     * @param unit the unit
     * @return the span
     */
    public static TimeSpan of(double amount, TimeUnit unit) {
        return new TimeSpan(amount, unit);
    }

    /**
     * This span's length in another unit (see {@link TimeUnit#convert(double, TimeUnit)}).
     *
     * @param target the unit wanted
     * @return the length in {@code target}
     */
    public double in(TimeUnit target) {
        return target.convert(amount, unit);
    }

    @Override
    public String toString() {
        return amount + " " + unit;
    }
}
