package dev.rapport.crm;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.rapport.crm.model.ValidationException;
import java.util.Objects;

/**
 * Per-tenant settings the engine applies to commands.
 *
 * @param defaultPhoneRegion the ISO 3166 region (such as {@code GB}, {@code US}) used to read
 *     phone numbers written without a country code
 * @since 0.1
 */
public record TenantSettings(String defaultPhoneRegion) {
    /** Checks the region is one libphonenumber knows. */
    public TenantSettings {
        Objects.requireNonNull(defaultPhoneRegion, "defaultPhoneRegion");
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultPhoneRegion)) {
            throw ValidationException.of("defaultPhoneRegion", "not a supported ISO 3166 region code");
        }
    }

    /**
     * @param region the default phone region
     * @return the settings
     */
    public static TenantSettings withPhoneRegion(String region) {
        return new TenantSettings(region);
    }
}
