package dev.rapport.crm;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.rapport.crm.interactions.UnmatchedPolicy;
import dev.rapport.crm.model.ValidationException;
import java.util.Objects;

/**
 * Per-tenant settings the engine applies to commands.
 *
 * @param defaultPhoneRegion the ISO 3166 region (such as {@code GB}, {@code US}) used to read
 *     phone numbers written without a country code
 * @param unmatchedInbound what ingesting an inbound message from an unknown sender does
 *     (since 0.2); {@link UnmatchedPolicy#PARK} unless set
 * @since 0.1
 */
public record TenantSettings(String defaultPhoneRegion, UnmatchedPolicy unmatchedInbound) {
    /** Checks the region is one libphonenumber knows. */
    public TenantSettings {
        Objects.requireNonNull(defaultPhoneRegion, "defaultPhoneRegion");
        Objects.requireNonNull(unmatchedInbound, "unmatchedInbound");
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
        return new TenantSettings(defaultPhoneRegion, policy);
    }
}
