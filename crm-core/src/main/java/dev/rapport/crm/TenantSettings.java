package dev.rapport.crm;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.rapport.crm.cases.FirstContactResolution;
import dev.rapport.crm.interactions.UnmatchedPolicy;
import dev.rapport.crm.model.ValidationException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Per-tenant settings the engine applies to commands.
 *
 * @param defaultPhoneRegion the ISO 3166 region (such as {@code GB}, {@code US}) used to read
 *     phone numbers written without a country code
 * @param unmatchedInbound what ingesting an inbound message from an unknown sender does
 *     (since 0.2); {@link UnmatchedPolicy#PARK} unless set
 * @param reopenWindow how long after it is solved a case may still be reopened (since 0.3); 7
 *     days unless set; zero means never; at most 10 years
 * @param firstContactResolution what counts as first contact resolution (since 0.3); {@link
 *     FirstContactResolution#ONE_AGENT_REPLY} unless set
 * @param atRiskFraction the fraction of a service-level target used at which its clock is at
 *     risk (since 0.3), above 0 and below 1; 0.75 unless set
 * @param pendingReminder how long a case may stay pending (waiting on the customer) before the
 *     engine emits {@code case.reminder-due} so the application can nudge the customer (since
 *     0.3), positive and at most 10 years; null, the default, for no reminders
 * @param autoClose how long after it is solved the engine closes a case that nobody reopened
 *     (since 0.3), not negative and at most 10 years; null, the default, to leave solved cases alone
 * @since 0.1
 */
public record TenantSettings(
        String defaultPhoneRegion,
        UnmatchedPolicy unmatchedInbound,
        Duration reopenWindow,
        FirstContactResolution firstContactResolution,
        double atRiskFraction,
        @Nullable Duration pendingReminder,
        @Nullable Duration autoClose) {

    /** The at-risk fraction unless set. */
    public static final double DEFAULT_AT_RISK_FRACTION = 0.75;

    /** The longest reopen window, reminder or auto-close delay: 10 years. */
    private static final Duration MAX_SPAN = Duration.ofDays(3653);

    /** The reopen window unless set: 7 days. */
    public static final Duration DEFAULT_REOPEN_WINDOW = Duration.ofDays(7);

    /** Checks the region is one libphonenumber knows and the durations are in range (at most 10 years). */
    public TenantSettings {
        Objects.requireNonNull(defaultPhoneRegion, "defaultPhoneRegion");
        Objects.requireNonNull(unmatchedInbound, "unmatchedInbound");
        Objects.requireNonNull(reopenWindow, "reopenWindow");
        Objects.requireNonNull(firstContactResolution, "firstContactResolution");
        if (reopenWindow.isNegative()) {
            throw ValidationException.of("reopenWindow", "must not be negative");
        }
        if (reopenWindow.compareTo(MAX_SPAN) > 0) {
            throw ValidationException.of("reopenWindow", "must be at most 10 years");
        }
        if (pendingReminder != null
                && (pendingReminder.isNegative()
                        || pendingReminder.isZero()
                        || pendingReminder.compareTo(MAX_SPAN) > 0)) {
            throw ValidationException.of("pendingReminder", "must be positive and at most 10 years");
        }
        if (autoClose != null && (autoClose.isNegative() || autoClose.compareTo(MAX_SPAN) > 0)) {
            throw ValidationException.of("autoClose", "must not be negative, and at most 10 years");
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
                DEFAULT_AT_RISK_FRACTION,
                null,
                null);
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
        return new TenantSettings(
                defaultPhoneRegion,
                policy,
                reopenWindow,
                firstContactResolution,
                atRiskFraction,
                pendingReminder,
                autoClose);
    }

    /**
     * @param window how long after it is solved a case may be reopened; zero means never
     * @return a copy with that window
     * @since 0.3
     */
    public TenantSettings withReopenWindow(Duration window) {
        return new TenantSettings(
                defaultPhoneRegion,
                unmatchedInbound,
                window,
                firstContactResolution,
                atRiskFraction,
                pendingReminder,
                autoClose);
    }

    /**
     * @param policy what counts as first contact resolution
     * @return a copy with that policy
     * @since 0.3
     */
    public TenantSettings withFirstContactResolution(FirstContactResolution policy) {
        return new TenantSettings(
                defaultPhoneRegion, unmatchedInbound, reopenWindow, policy, atRiskFraction, pendingReminder, autoClose);
    }

    /**
     * @param fraction the fraction of a service-level target used at which its clock is at risk,
     *     above 0 and below 1
     * @return a copy with that fraction
     * @since 0.3
     */
    public TenantSettings withAtRiskFraction(double fraction) {
        return new TenantSettings(
                defaultPhoneRegion,
                unmatchedInbound,
                reopenWindow,
                firstContactResolution,
                fraction,
                pendingReminder,
                autoClose);
    }

    /**
     * @param after how long a case may stay pending before {@code case.reminder-due}; null for
     *     none
     * @return a copy with that reminder
     * @since 0.3
     */
    public TenantSettings withPendingReminder(@Nullable Duration after) {
        return new TenantSettings(
                defaultPhoneRegion,
                unmatchedInbound,
                reopenWindow,
                firstContactResolution,
                atRiskFraction,
                after,
                autoClose);
    }

    /**
     * @param after how long after it is solved a case is closed; null to leave solved cases alone
     * @return a copy with that rule
     * @since 0.3
     */
    public TenantSettings withAutoClose(@Nullable Duration after) {
        return new TenantSettings(
                defaultPhoneRegion,
                unmatchedInbound,
                reopenWindow,
                firstContactResolution,
                atRiskFraction,
                pendingReminder,
                after);
    }
}
