package dev.rapport.crm.analytics.rfm;

import java.util.Objects;

/**
 * How RFM scores are computed: the number of score bins (scores run from 1 to {@code bins}, higher
 * is better) and the tie policy.
 *
 * @param bins number of scores, 2 to 100 (the default is 5)
 * @param tiePolicy how equal values are scored
 * @since 0.1.0
 */
public record RfmSpec(int bins, TiePolicy tiePolicy) {
    /** Validates the spec. */
    public RfmSpec {
        Objects.requireNonNull(tiePolicy, "tiePolicy");
        if (bins < 2 || bins > 100) {
            throw new IllegalArgumentException("bins must be between 2 and 100, was " + bins);
        }
    }

    /**
     * Five bins scored by value thresholds.
     *
     * @return the default spec
     */
    public static RfmSpec defaults() {
        return new RfmSpec(5, TiePolicy.VALUE_THRESHOLDS);
    }

    /**
     * A copy with another number of bins.
     *
     * @param newBins the number of scores
     * @return the copy
     */
    public RfmSpec withBins(int newBins) {
        return new RfmSpec(newBins, tiePolicy);
    }

    /**
     * A copy with another tie policy.
     *
     * @param policy the policy
     * @return the copy
     */
    public RfmSpec withTiePolicy(TiePolicy policy) {
        return new RfmSpec(bins, policy);
    }
}
