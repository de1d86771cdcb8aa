package dev.rapport.crm.analytics.models;

import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;

/**
 * A fitted model of repeat purchasing with attrition (BG/NBD, Pareto/NBD). Implementations are
 * immutable and thread-safe. A customer summary in another time unit than the model's is converted
 * (see {@link TimeUnit#convert(double, TimeUnit)}).
 *
 * @since 0.1.0
 */
public interface TransactionModel {
    /**
     * The unit the model's rate parameters are expressed in.
     *
     * @return the time unit
     */
    TimeUnit unit();

    /**
     * The log-likelihood of one customer's summary.
     *
     * @param customer the summary
     * @return the log-likelihood, finite
     */
    double logLikelihood(CustomerSummary customer);

    /**
     * The probability that the customer is still active (alive) at the end of its observation.
     *
     * @param customer the summary
     * @return a probability in [0, 1]
     */
    double probabilityAlive(CustomerSummary customer);

    /**
     * Expected purchases in the {@code horizon} after the end of the customer's observation,
     * given its history (the conditional expectation).
     *
     * @param customer the summary
     * @param horizon how far ahead
     * @return expected purchases, not negative
     */
    double expectedPurchases(CustomerSummary customer, TimeSpan horizon);

    /**
     * Expected repeat purchases of a new customer in its first {@code time} after its first
     * purchase (the unconditional expectation, for tracking).
     *
     * @param time time since the first purchase
     * @return expected repeat purchases, not negative
     */
    double expectedRepeatPurchases(TimeSpan time);
}
