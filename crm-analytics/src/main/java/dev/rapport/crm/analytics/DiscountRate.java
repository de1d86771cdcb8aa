package dev.rapport.crm.analytics;

import java.util.Objects;

/**
 * A discount rate per unit of time, e.g. 1% per month: a cash flow {@code t} units away is worth
 * {@code (1 + rate)^-t} today.
 *
 * <p>The same rate compounded continuously is {@code delta = ln(1 + rate)} per {@code per} ({@link
 * #continuousRate(TimeUnit)}), so that {@code e^(-delta t) = (1 + rate)^-t} exactly; this is how
 * Fader, Hardie &amp; Lee (2005, "RFM and CLV") turn "15% a year" into the continuous weekly rate
 * {@code ln(1.15) / 52 = 0.0027} their discounted expected transactions need. Discrete and
 * continuous discounting of one cash flow therefore agree; they differ only in when the cash flows
 * of a prediction are assumed to happen.
 *
 * <p>Equality is that of the record: same rate (by {@link Double#compare}) and same unit, so {@code
 * 12%/year} and {@code 0.9489%/month} are different values even when they discount alike; {@code
 * -0.0} is stored as {@code 0.0}.
 *
 * @param rate the rate per {@code per}, finite and greater than -1 (0 means no discounting)
 * @param per the time unit the rate applies to
 * @since 0.1.0
 */
public record DiscountRate(double rate, TimeUnit per) {
    /** Validates the rate. */
    public DiscountRate {
        Objects.requireNonNull(per, "per");
        if (!Double.isFinite(rate) || rate <= -1) {
            throw new IllegalArgumentException("discount rate must be finite and greater than -1, was " + rate);
        }
        rate = rate + 0.0; // -0.0 becomes 0.0, so that equal rates are equal records
    }

    /**
     * A rate per unit of time.
     *
     * @param rate the rate per {@code per}, e.g. 0.01 for 1%
     * @param per the unit the rate applies to
     * @return the discount rate
     */
    public static DiscountRate of(double rate, TimeUnit per) {
        return new DiscountRate(rate, per);
    }

    /**
     * The factor that discounts a cash flow {@code time} away to today.
     *
     * @param time how far away the cash flow is, in {@code unit}
     * @param unit the unit of {@code time}
     * @return {@code (1 + rate)^-(time in per units)}
     */
    public double factor(double time, TimeUnit unit) {
        return Math.exp(-per.convert(time, unit) * Math.log1p(rate));
    }

    /**
     * The continuously compounded rate equivalent to this one, per {@code unit}: {@code delta =
     * ln(1 + rate) × (length of one unit in per units)}, so {@code e^(-delta t) = factor(t, unit)}.
     * Unit lengths are converted as {@link TimeUnit#convert(double, TimeUnit)} does: exactly between
     * day-based units (15% per 364 days is {@code ln(1.15) / 52} per week, the paper's 0.0027; per
     * 365 days it is {@code ln(1.15) × 7 / 365}), through the mean Gregorian month otherwise.
     *
     * @param unit the unit the continuous rate is wanted in
     * @return {@code delta} per {@code unit}; negative when {@code rate} is
     * @since 0.1.0
     */
    public double continuousRate(TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        return Math.log1p(rate) * per.convert(1.0, unit);
    }

    @Override
    public String toString() {
        return rate + " per " + per;
    }
}
