package dev.rapport.crm.model.activity;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a customer's activity adds up to, as of one read; counted by the store (pushdown), never
 * kept in a counter that could drift.
 *
 * <p>Definitions:
 *
 * <ul>
 *   <li>A <b>purchase</b> is an order that is not {@linkplain Order#fullyReversed() fully
 *       reversed}: an order whose every unit was cancelled or returned does not count, one with
 *       anything left does.
 *   <li>{@link #orderCount()} counts purchases; {@link #repeatOrderCount()} is every purchase after
 *       the first, so two orders on one day count as one order and one repeat order.
 *   <li>{@link #purchaseDays()} counts the distinct UTC calendar dates with a purchase, so same-day
 *       orders count once; {@link #repeatPurchaseDays()} is that minus one, the "frequency" of
 *       customer-base models such as BG/NBD.
 *   <li>{@link #firstPurchaseAt()} and {@link #lastPurchaseAt()} are the earliest and latest
 *       {@code occurredAt} of purchases.
 *   <li>{@link #netRevenue()} is, per currency, the sum of every order's total minus the sum of
 *       its reversals' amounts (so a fully reversed order adds zero); currencies are never mixed
 *       or converted.
 *   <li>{@link #lastInteractionAt()} is, per channel, the latest {@code occurredAt} of the
 *       customer's interactions in any direction, internal notes included.
 * </ul>
 *
 * @param customerId the customer
 * @param orderCount purchases
 * @param purchaseDays distinct UTC dates with a purchase
 * @param firstPurchaseAt the first purchase, or null if none
 * @param lastPurchaseAt the last purchase, or null if none
 * @param netRevenue net revenue per currency; currencies without orders are absent
 * @param lastInteractionAt the latest interaction per channel; channels without are absent
 * @since 0.2
 */
public record PurchaseFacts(
        CustomerId customerId,
        long orderCount,
        long purchaseDays,
        @Nullable Instant firstPurchaseAt,
        @Nullable Instant lastPurchaseAt,
        Map<Currency, BigDecimal> netRevenue,
        Map<Channel, Instant> lastInteractionAt) {

    /** Checks presence and copies the maps (currencies sorted by code). */
    public PurchaseFacts {
        Objects.requireNonNull(customerId, "customerId");
        TreeMap<Currency, BigDecimal> revenue =
                new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
        revenue.putAll(netRevenue);
        netRevenue = Collections.unmodifiableMap(revenue);
        EnumMap<Channel, Instant> last = new EnumMap<>(Channel.class);
        last.putAll(lastInteractionAt);
        lastInteractionAt = Collections.unmodifiableMap(last);
    }

    /** @return every purchase after the first: {@code max(0, orderCount - 1)} */
    public long repeatOrderCount() {
        return Math.max(0, orderCount - 1);
    }

    /** @return purchase days after the first: {@code max(0, purchaseDays - 1)} */
    public long repeatPurchaseDays() {
        return Math.max(0, purchaseDays - 1);
    }

    /** @return the first purchase, if any */
    public Optional<Instant> firstPurchase() {
        return Optional.ofNullable(firstPurchaseAt);
    }

    /** @return the last purchase, if any */
    public Optional<Instant> lastPurchase() {
        return Optional.ofNullable(lastPurchaseAt);
    }
}
