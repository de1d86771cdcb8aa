package dev.rapport.crm.analytics.summary;

import dev.rapport.crm.analytics.TimeSpan;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A customer's calibration summary with what the customer actually did in the holdout period.
 *
 * @param calibration the summary at the end of the calibration period
 * @param holdoutPurchases purchase periods in the holdout, not negative
 * @param holdoutSpend value of the holdout purchases, not negative
 * @param holdoutLength length of the holdout period
 * @since 0.1.0
 */
public record HoldoutSummary(
        CustomerSummary calibration, int holdoutPurchases, BigDecimal holdoutSpend, TimeSpan holdoutLength) {
    /** Validates the summary. */
    public HoldoutSummary {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(holdoutSpend, "holdoutSpend");
        Objects.requireNonNull(holdoutLength, "holdoutLength");
        if (holdoutPurchases < 0 || holdoutSpend.signum() < 0) {
            throw new IllegalArgumentException("holdout purchases and spend must not be negative, were "
                    + holdoutPurchases + " and " + holdoutSpend + " for " + calibration.customerId());
        }
    }
}
