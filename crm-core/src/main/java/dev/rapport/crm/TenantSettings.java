package dev.rapport.crm;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.rapport.crm.cases.FirstContactResolution;
import dev.rapport.crm.interactions.UnmatchedPolicy;
import dev.rapport.crm.model.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-tenant settings the engine applies to commands.
 *
 * @param defaultPhoneRegion the ISO 3166 region (such as {@code GB}, {@code US}) used to read
 *     phone numbers written without a country code
 * @param unmatchedInbound what ingesting an inbound message from an unknown sender does
 *     (since 0.2); {@link UnmatchedPolicy#PARK} unless set
 * @param reopenWindow how long after it is solved a case may still be reopened (since 0.3); 7
 *     days unless set; zero means never
 * @param firstContactResolution what counts as first contact resolution (since 0.3); {@link
 *     FirstContactResolution#ONE_AGENT_REPLY} unless set
 * @param atRiskFraction the fraction of a service-level target used at which its clock is at
 *     risk (since 0.3), above 0 and below 1; 0.75 unless set
 * @since 0.1
 */
public record TenantSettings(
        String defaultPhoneRegion,
        UnmatchedPolicy unmatchedInbound,
        Duration reopenWindow,
        FirstContactResolution firstContactResolution,
        double atRiskFraction) {

    /** The at-risk fraction unless set. */
    public static final double DEFAULT_AT_RISK_FRACTION = 0.75;

    /** The reopen window unless set: 7 days. */
    public static final Duration DEFAULT_REOPEN_WINDOW = Duration.ofDays(7);

    /** Checks the region is one libphonenumber knows and the window is not negative. */
    public TenantSettings {
        Objects.requireNonNull(defaultPhoneRegion, "defaultPhoneRegion");
        Objects.requireNonNull(unmatchedInbound, "unmatchedInbound");
        Objects.requireNonNull(reopenWindow, "reopenWindow");
        Objects.requireNonNull(firstContactResolution, "firstContactResolution");
        if (reopenWindow.isNegative()) {
            throw ValidationException.of("reopenWindow", "must not be negative");
        }
        if (!(atRiskFraction > 0 && atRiskFraction < 1)) {
            throw ValidationException.of("atRiskFraction", "must be above 0 and below 1");
        }
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultPhoneRegion)) {
            throw ValidationException.of("defaultPhoneRegion", "not a supported ISO 3166 region code");
        }
    }

    /**
     * Settings that park unmatched inbound messages.
     *
     * @param defaultPhoneRegion the default phone region
     */
    public TenantSettings(String defaultPhoneRegion) {
        this(defaultPhoneRegion, UnmatchedPolicy.PARK);
    }

    /**
     * Settings with the default reopen window and first-contact-resolution policy.
     *
     * @param defaultPhoneRegion the default phone region
     * @param unmatchedInbound what ingesting a message from an unknown sender does
     * @since 0.2
     */
    public TenantSettings(String defaultPhoneRegion, UnmatchedPolicy unmatchedInbound) {
        this(
                defaultPhoneRegion,
                unmatchedInbound,
                DEFAULT_REOPEN_WINDOW,
                FirstContactResolution.ONE_AGENT_REPLY,
                DEFAULT_AT_RISK_FRACTION);
    }

    /**
     * @param region the default phone region
     * @return the settings
     */
    public static TenantSettings withPhoneRegion(String region) {
        return new TenantSettings(region);
    }

    /**
     * @param policy what ingesting a message from an unknown sender does
     * @return a copy with that policy
     * @since 0.2
     */
    public TenantSettings withUnmatchedInbound(UnmatchedPolicy policy) {
        return new TenantSettings(defaultPhoneRegion, policy, reopenWindow, firstContactResolution, atRiskFraction);
    }

    /**
     * @param window how long after it is solved a case may be reopened; zero means never
     * @return a copy with that window
     * @since 0.3
     */
    public TenantSettings withReopenWindow(Duration window) {
        return new TenantSettings(defaultPhoneRegion, unmatchedInbound, window, firstContactResolution, atRiskFraction);
    }

    /**
     * @param policy what counts as first contact resolution
     * @return a copy with that policy
     * @since 0.3
     */
    public TenantSettings withFirstContactResolution(FirstContactResolution policy) {
        return new TenantSettings(defaultPhoneRegion, unmatchedInbound, reopenWindow, policy, atRiskFraction);
    }

    /**
     * @param fraction the fraction of a service-level target used at which its clock is at risk,
     *     above 0 and below 1
     * @return a copy with that fraction
     * @since 0.3
     */
    public TenantSettings withAtRiskFraction(double fraction) {
        return new TenantSettings(defaultPhoneRegion, unmatchedInbound, reopenWindow, firstContactResolution, fraction);
    }
}
