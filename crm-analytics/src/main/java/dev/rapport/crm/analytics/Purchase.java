package dev.rapport.crm.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One dated purchase of a customer: the input of every summary. Purchases are dated, not timed:
 * an instant is turned into a date in the caller's zone ({@link #at(String, Instant, ZoneId,
 * BigDecimal)}), because which day a purchase falls on depends on the business's zone.
 *
 * <p>Equality is that of the record, with {@link BigDecimal#equals} for the amount: {@code 10.0} and
 * {@code 10.00} are different purchases (summaries add amounts, so the scale never changes a
 * result).
 *
 * @param customerId the customer's id as text (a typed id's string form), not blank
 * @param date the day of the purchase
 * @param amount the value, not negative (net returns before passing them in), in the currency the
 *     caller uses throughout
 * @since 0.1.0
 */
public record Purchase(String customerId, LocalDate date, BigDecimal amount) {
    /** Validates the purchase. */
    public Purchase {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amount, "amount");
        if (customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be blank");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(
                    "purchase amount must not be negative, was " + amount + " for customer " + customerId);
        }
    }

    /**
     * A purchase on a date.
     *
     * @param customerId the customer's id
     * @param date the day
     * @param amount the value, not negative
     * @return the purchase
     */
    public static Purchase of(String customerId, LocalDate date, BigDecimal amount) {
        return new Purchase(customerId, date, amount);
    }

    /**
     * A purchase at an instant, dated in the given zone.
     *
     * @param customerId the customer's id
     * @param at when it happened
     * @param zone the zone whose calendar dates the purchase
     * @param amount the value, not negative
     * @return the purchase
     */
    public static Purchase at(String customerId, Instant at, ZoneId zone, BigDecimal amount) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        return new Purchase(customerId, LocalDate.ofInstant(at, zone), amount);
    }
}
