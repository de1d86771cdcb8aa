package dev.rapport.crm.analytics.rfm;

/**
 * How customers with equal values are scored.
 *
 * @since 0.1.0
 */
public enum TiePolicy {
    /**
     * Scores come from value thresholds (the {@code k/bins} quantiles of the values): equal values
     * always share a score, so bins can be unequal in size when many customers tie (for example the
     * many one-time buyers in frequency).
     */
    VALUE_THRESHOLDS,
    /**
     * Scores come from ranks: customers are ordered by value, then by customer id ascending, and cut
     * into bins of (nearly) equal size. Reproducible, but equal values may get different scores.
     */
    RANK
}
