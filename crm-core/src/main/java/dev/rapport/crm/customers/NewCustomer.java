package dev.rapport.crm.customers;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The command to create a customer. Immutable; each method returns a changed copy:
 *
 * <pre>{@code
 * NewCustomer.named("Ada Lovelace").email("ada@example.com").phone("020 7946 0000").tags("vip")
 * }</pre>
 *
 * <p>Checked by the engine when it runs, all at once: every problem is reported in one {@link
 * dev.rapport.crm.model.ValidationException}.
 *
 * @param displayName how to address the customer; required, at most 200 characters
 * @param givenName given name, at most 100 characters
 * @param familyName family name, at most 100 characters
 * @param identities email addresses, phone numbers, handles and external ids
 * @param preferredChannel the preferred channel
 * @param language a BCP 47 language tag
 * @param timeZone an IANA time zone
 * @param optIns channels the customer opted in to (true) or out of (false) at creation
 * @param consentSource where the opt-in choices were made, such as {@code signup-form}
 * @param stage the lifecycle stage; {@link LifecycleStage#LEAD} when not given
 * @param tags tags, normalised by the engine
 * @param attributes custom attribute values by key, as plain Java values or {@code
 *     AttributeValue}s
 * @since 0.1
 */
public record NewCustomer(
        @NotNull String displayName,
        @Nullable String givenName,
        @Nullable String familyName,
        List<Identity> identities,
        @Nullable Channel preferredChannel,
        @Nullable String language,
        @Nullable ZoneId timeZone,
        Map<Channel, Boolean> optIns,
        @Nullable String consentSource,
        @NotNull LifecycleStage stage,
        List<String> tags,
        Map<String, Object> attributes) {

    /** Copies the collections (null elements are reported by the engine, not here). */
    public NewCustomer {
        identities = copy(identities);
        tags = copy(tags);
        optIns = Map.copyOf(optIns);
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    private static <T> List<T> copy(List<T> list) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(list));
    }

    /**
     * @param displayName how to address the customer
     * @return a command with only the name set
     */
    public static NewCustomer named(String displayName) {
        return new NewCustomer(
                displayName,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                Map.of(),
                null,
                LifecycleStage.LEAD,
                List.of(),
                Map.of());
    }

    /**
     * @param given given name
     * @param family family name
     * @return a copy with both set
     */
    public NewCustomer names(@Nullable String given, @Nullable String family) {
        return new NewCustomer(
                displayName,
                given,
                family,
                identities,
                preferredChannel,
                language,
                timeZone,
                optIns,
                consentSource,
                stage,
                tags,
                attributes);
    }

    /**
     * @param identity an identity to add
     * @return a copy with it added
     */
    public NewCustomer identity(Identity identity) {
        List<Identity> more = new ArrayList<>(identities);
        more.add(identity);
        return new NewCustomer(
                displayName,
                givenName,
                familyName,
                more,
                preferredChannel,
                language,
                timeZone,
                optIns,
                consentSource,
                stage,
                tags,
                attributes);
    }

    /**
     * @param address an email address
     * @return a copy with it added
     */
    public NewCustomer email(String address) {
        return identity(Identity.email(address));
    }

    /**
     * @param number a phone number, read with the tenant's default region if it has no country code
     * @return a copy with it added
     */
    public NewCustomer phone(String number) {
        return identity(Identity.phone(number));
    }

    /**
     * @param platform a social platform
     * @param handle the handle there
     * @return a copy with it added
     */
    public NewCustomer social(String platform, String handle) {
        return identity(Identity.social(platform, handle));
    }

    /**
     * @param system another system's name
     * @param id the customer's id there
     * @return a copy with it added
     */
    public NewCustomer externalId(String system, String id) {
        return identity(Identity.external(system, id));
    }

    /**
     * @param channel the preferred channel
     * @param languageTag a BCP 47 tag, or null
     * @param zone an IANA zone, or null
     * @return a copy with those preferences
     */
    public NewCustomer prefers(@Nullable Channel channel, @Nullable String languageTag, @Nullable ZoneId zone) {
        return new NewCustomer(
                displayName,
                givenName,
                familyName,
                identities,
                channel,
                languageTag,
                zone,
                optIns,
                consentSource,
                stage,
                tags,
                attributes);
    }

    /**
     * Records opt-in (or opt-out) choices made at creation, stamped with the engine's clock.
     *
     * @param source where the choices were made
     * @param choices channel to opted-in flag
     * @return a copy with the choices
     */
    public NewCustomer consent(String source, Map<Channel, Boolean> choices) {
        return new NewCustomer(
                displayName,
                givenName,
                familyName,
                identities,
                preferredChannel,
                language,
                timeZone,
                choices,
                source,
                stage,
                tags,
                attributes);
    }

    /**
     * @param lifecycleStage the stage
     * @return a copy in that stage
     */
    public NewCustomer stage(LifecycleStage lifecycleStage) {
        return new NewCustomer(
                displayName,
                givenName,
                familyName,
                identities,
                preferredChannel,
                language,
                timeZone,
                optIns,
                consentSource,
                Objects.requireNonNull(lifecycleStage, "lifecycleStage"),
                tags,
                attributes);
    }

    /**
     * @param more tags to add
     * @return a copy with them added
     */
    public NewCustomer tags(String... more) {
        List<String> all = new ArrayList<>(tags);
        all.addAll(Arrays.asList(more));
        return new NewCustomer(
                displayName,
                givenName,
                familyName,
                identities,
                preferredChannel,
                language,
                timeZone,
                optIns,
                consentSource,
                stage,
                all,
                attributes);
    }

    /**
     * @param key a defined attribute key
     * @param value its value
     * @return a copy with it set
     */
    public NewCustomer attribute(String key, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(attributes);
        all.put(key, value);
        return new NewCustomer(
                displayName,
                givenName,
                familyName,
                identities,
                preferredChannel,
                language,
                timeZone,
                optIns,
                consentSource,
                stage,
                tags,
                all);
    }
}
