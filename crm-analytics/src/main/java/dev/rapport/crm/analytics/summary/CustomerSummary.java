package dev.rapport.crm.analytics.summary;

import dev.rapport.crm.analytics.TimeUnit;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the customer-base models need to know about one customer at the end of an observation
 * window, with the time unit it is measured in.
 *
 * <p>With purchases collapsed by period (see {@link SummarySpec}): {@code frequency} is the number
 * of repeat purchase periods (distinct purchase periods after the first); {@code recency} is the
 * time from the first to the last purchase period ({@code t_x}); {@code age} is the time from the
 * first purchase period to the period of the window's end ({@code T}); all in {@code unit}.
 *
 * <p>Equality is that of the record: {@code totalValue} compares with {@link BigDecimal#equals}, so
 * {@code 10.0} and {@code 10.00} differ (as they do in {@link dev.rapport.crm.analytics.Purchase});
 * the same customer measured in weeks and in days gives different summaries.
 *
 * @param customerId the customer's id
 * @param unit the unit of {@code recency} and {@code age}
 * @param frequency repeat purchases ({@code x}), not negative
 * @param recency time of the last purchase after the first ({@code t_x}), 0 when {@code frequency}
 *     is 0, at most {@code age}
 * @param age time from the first purchase to the end of the window ({@code T}), not negative
 * @param meanRepeatValue mean value of the repeat purchases (first purchase excluded), 0 when
 *     {@code frequency} is 0, not negative
 * @param totalValue value of all purchases in the window, first included; zero when unknown
 * @since 0.1.0
 */
public record CustomerSummary(
        String customerId,
        TimeUnit unit,
        int frequency,
        double recency,
        double age,
        double meanRepeatValue,
        BigDecimal totalValue) {

    /** Validates the summary. */
    public CustomerSummary {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(totalValue, "totalValue");
        if (frequency < 0) {
            throw new IllegalArgumentException(
                    "frequency must not be negative, was " + frequency + " for " + customerId);
        }
        if (!Double.isFinite(age) || age < 0) {
            throw new IllegalArgumentException(
                    "age must be finite and not negative, was " + age + " for " + customerId);
        }
        if (!Double.isFinite(recency) || recency < 0 || recency > age) {
            throw new IllegalArgumentException(
                    "recency must be between 0 and age " + age + ", was " + recency + " for " + customerId);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException(
                    "recency must be 0 without repeat purchases, was " + recency + " for " + customerId);
        }
        if (!Double.isFinite(meanRepeatValue) || meanRepeatValue < 0) {
            throw new IllegalArgumentException(
                    "meanRepeatValue must be finite and not negative, was " + meanRepeatValue + " for " + customerId);
        }
        if (frequency == 0 && meanRepeatValue != 0) {
            throw new IllegalArgumentException("meanRepeatValue must be 0 without repeat purchases, was "
                    + meanRepeatValue + " for " + customerId);
        }
        if (totalValue.signum() < 0) {
            throw new IllegalArgumentException(
                    "totalValue must not be negative, was " + totalValue + " for " + customerId);
        }
        // -0.0 becomes 0.0, so that equal summaries are equal records
        recency = recency + 0.0;
        age = age + 0.0;
        meanRepeatValue = meanRepeatValue + 0.0;
    }

    /**
     * A summary without monetary values (both zero), e.g. read from a published table.
     *
     * @param customerId the customer's id
     * @param unit the unit of recency and age
     * @param frequency repeat purchases
     * @param recency {@code t_x}
     * @param age {@code T}
     * @return the summary
     */
    public static CustomerSummary of(String customerId, TimeUnit unit, int frequency, double recency, double age) {
        return new CustomerSummary(customerId, unit, frequency, recency, age, 0.0, BigDecimal.ZERO);
    }

    /**
     * A copy with monetary values.
     *
     * @param meanRepeatValue mean value of repeat purchases
     * @param totalValue value of all purchases
     * @return the copy
     */
    public CustomerSummary withValues(double meanRepeatValue, BigDecimal totalValue) {
        return new CustomerSummary(customerId, unit, frequency, recency, age, meanRepeatValue, totalValue);
    }

    /**
     * Time since the last purchase ({@code age - recency}): the "recency" of RFM.
     *
     * @return time in {@link #unit()}, not negative
     */
    public double timeSinceLastPurchase() {
        return age - recency;
    }
}
