package dev.rapport.crm.model.activity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * How Rapport rounds money: amounts are {@link BigDecimal}, never {@code double}. Unit prices keep
 * the precision they were given (price lists have prices below a currency's minor unit); line
 * totals are rounded once, to the currency's {@linkplain Currency#getDefaultFractionDigits()
 * default fraction digits}, {@link RoundingMode#HALF_UP}; order totals and every sum are sums of
 * rounded line totals, so they need no rounding of their own.
 *
 * @since 0.2
 */
public final class Money {
    /** The rounding of line totals. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private Money() {}

    /**
     * @param currency a currency
     * @return its scale: the default fraction digits, or 0 for currencies without minor units
     *     (such as XAU)
     */
    public static int scale(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    /**
     * @param amount an amount
     * @param currency its currency
     * @return the amount rounded to the currency's scale with {@link #ROUNDING}
     */
    public static BigDecimal round(BigDecimal amount, Currency currency) {
        return amount.setScale(scale(currency), ROUNDING);
    }

    /**
     * @param quantity a quantity
     * @param unitPrice a unit price
     * @param currency the currency
     * @return {@code quantity x unitPrice}, rounded to the currency's scale
     */
    public static BigDecimal lineTotal(BigDecimal quantity, BigDecimal unitPrice, Currency currency) {
        return round(quantity.multiply(unitPrice), currency);
    }

    /**
     * @param currency a currency
     * @return zero at the currency's scale
     */
    public static BigDecimal zero(Currency currency) {
        return BigDecimal.ZERO.setScale(scale(currency));
    }
}
