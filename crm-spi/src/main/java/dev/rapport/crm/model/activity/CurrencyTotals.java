package dev.rapport.crm.model.activity;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A tenant's purchases in one currency, counted by the store. The definitions are those of
 * {@link PurchaseFacts}.
 *
 * @param currency the currency
 * @param netRevenue the sum of the totals of every order in it, minus the sum of their reversals
 * @param orders how many of those orders are purchases (not fully reversed)
 * @param customers how many customers have at least one purchase in it
 * @since 0.2
 */
public record CurrencyTotals(Currency currency, BigDecimal netRevenue, long orders, long customers) {
    /** Checks presence. */
    public CurrencyTotals {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(netRevenue, "netRevenue");
    }
}
