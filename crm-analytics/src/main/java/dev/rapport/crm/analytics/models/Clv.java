package dev.rapport.crm.analytics.models;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.DiscountRate;
import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.Objects;

/**
 * Customer lifetime value: expected purchases from a {@link TransactionModel} times expected spend
 * from a {@link GammaGammaModel}, discounted at an explicit rate per unit of time.
 *
 * <p>Two ways, which differ in when purchases are assumed to be paid for:
 *
 * <ul>
 *   <li>{@link #value(CustomerSummary, TimeSpan)}, over a finite horizon, for any transaction
 *       model: the horizon is cut into steps of one unit of the discount rate (the last step may be
 *       shorter); the purchases expected in each step are discounted to today from the step's end,
 *       as the lifetimes library does with monthly steps;
 *   <li>{@link #residualValue(CustomerSummary)}, over the customer's whole remaining lifetime, for
 *       the Pareto/NBD: each purchase is discounted continuously from the moment it is expected
 *       (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; see {@link
 *       ParetoNbdModel#discountedExpectedResidualPurchases(CustomerSummary, DiscountRate)}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param purchases the purchase model
 * @param spend the spend model
 * @param discountRate the discount rate; its unit is the step of {@link #value(CustomerSummary,
 *     TimeSpan)}
 * @since 0.1.0
 */
public record Clv(TransactionModel purchases, GammaGammaModel spend, DiscountRate discountRate) {
    /** Validates the record. */
    public Clv {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(discountRate, "discountRate");
    }

    /**
     * A CLV calculator.
     *
     * @param purchases the purchase model
     * @param spend the spend model
     * @param discountRate the discount rate, e.g. {@code DiscountRate.of(0.01, TimeUnit.MONTH)}
     * @return the calculator
     */
    public static Clv of(TransactionModel purchases, GammaGammaModel spend, DiscountRate discountRate) {
        return new Clv(purchases, spend, discountRate);
    }

    /**
     * The discounted value of the customer's purchases in the {@code horizon} after its
     * observation ends.
     *
     * @param customer the summary
     * @param horizon how far ahead
     * @return the value, in the currency of the spend model
     */
    public double value(CustomerSummary customer, TimeSpan horizon) {
        TimeUnit unit = purchases.unit();
        double end = horizon.in(unit);
        double step = unit.convert(1, discountRate.per());
        double spendPerPurchase = spend.expectedSpend(customer);
        double total = 0;
        double previous = 0;
        double t = 0;
        while (t < end) {
            double next = Math.min(t + step, end);
            if (end - next < 1e-9 * step) {
                next = end;
            }
            double cumulative = purchases.expectedPurchases(customer, TimeSpan.of(next, unit));
            total += spendPerPurchase * (cumulative - previous) * discountRate.factor(next, unit);
            previous = cumulative;
            t = next;
        }
        return total;
    }

    /**
     * The discounted value of all the customer's purchases after its observation ends, with no
     * horizon: the expected spend per purchase times the Pareto/NBD's discounted expected residual
     * transactions at this calculator's rate, converted to a continuous rate as {@link
     * DiscountRate#continuousRate(TimeUnit)} says (Fader, Hardie &amp; Lee 2005, equation 2 times the
     * Gamma-Gamma mean).
     *
     * @param customer the summary
     * @return the value, in the currency of the spend model
     * @throws AnalyticsException if the transaction model is not a {@link ParetoNbdModel} (the
     *     closed form exists only for it), or the rate is not positive
     * @since 0.1.0
     */
    public double residualValue(CustomerSummary customer) {
        if (!(purchases instanceof ParetoNbdModel)) {
            throw new AnalyticsException("the residual value (DERT) needs a Pareto/NBD model, was "
                    + purchases.getClass().getSimpleName()
                    + "; use value(customer, horizon) for a finite horizon");
        }
        ParetoNbdModel pareto = (ParetoNbdModel) purchases;
        return spend.expectedSpend(customer) * pareto.discountedExpectedResidualPurchases(customer, discountRate);
    }
}
