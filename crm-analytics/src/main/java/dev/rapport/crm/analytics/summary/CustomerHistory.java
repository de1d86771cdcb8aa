package dev.rapport.crm.analytics.summary;

import dev.rapport.crm.analytics.Purchase;
import dev.rapport.crm.analytics.TimeUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * All purchases of one customer, sorted by date (ties kept in input order).
 *
 * @param customerId the customer's id
 * @param purchases the customer's purchases, not empty, all with {@code customerId}, sorted by date
 * @since 0.1.0
 */
public record CustomerHistory(String customerId, List<Purchase> purchases) {
    /** Validates and copies the history, sorting the purchases by date. */
    public CustomerHistory {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(purchases, "purchases");
        if (purchases.isEmpty()) {
            throw new IllegalArgumentException("a customer history needs at least one purchase: " + customerId);
        }
        List<Purchase> sorted = new ArrayList<>(purchases);
        for (Purchase p : sorted) {
            if (!p.customerId().equals(customerId)) {
                throw new IllegalArgumentException(
                        "purchase of customer " + p.customerId() + " in the history of " + customerId);
            }
        }
        sorted.sort((p, q) -> p.date().compareTo(q.date()));
        purchases = Collections.unmodifiableList(sorted);
    }

    /**
     * The purchases dated from {@code from} to {@code to} (both inclusive), collapsed by period:
     * purchases in the same period become one, with amounts summed.
     *
     * @param period the period length
     * @param from the first date included
     * @param to the last date included
     * @return period start to summed amount, in date order; empty when no purchase is in range
     */
    public SortedMap<LocalDate, BigDecimal> periods(TimeUnit period, LocalDate from, LocalDate to) {
        Objects.requireNonNull(period, "period");
        SortedMap<LocalDate, BigDecimal> out = new TreeMap<>();
        for (Purchase p : purchases) {
            if (!p.date().isBefore(from) && !p.date().isAfter(to)) {
                out.merge(period.periodStart(p.date()), p.amount(), BigDecimal::add);
            }
        }
        return out;
    }

    /**
     * The date of the first purchase.
     *
     * @return the earliest purchase date
     */
    public LocalDate firstPurchase() {
        return purchases.get(0).date();
    }
}
