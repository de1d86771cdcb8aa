package dev.rapport.crm.analytics;

import java.util.Objects;

/**
 * A discount rate per unit of time, e.g. 1% per month: a cash flow {@code t} units away is worth
 * {@code (1 + rate)^-t} today.
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

    @Override
    public String toString() {
        return rate + " per " + per;
    }
}
