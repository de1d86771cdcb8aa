package dev.rapport.crm.model;

import java.util.Locale;
import java.util.Objects;

/**
 * An identity by which a customer is recognised: an email address, a phone number, a handle on a
 * social platform, or an id in another system. Unique within a tenant: no two customers hold
 * identities with the same {@link #key()}.
 *
 * <p>The value is kept as given (trimmed); matching uses {@link #key()}, which lower-cases email
 * addresses, social platforms and handles (dropping a leading {@code @}) and external systems.
 * Phone numbers are normalised to E.164 by the engine before they reach this type.
 *
 * @param kind the kind of identity
 * @param scope the social platform or external system; empty for email and phone
 * @param value the address, number, handle or id, as given
 * @since 0.1
 */
public record Identity(IdentityKind kind, String scope, String value) {
    /** Checks presence and trims. */
    public Identity {
        Objects.requireNonNull(kind, "kind");
        scope = Objects.requireNonNull(scope, "scope").strip().toLowerCase(Locale.ROOT);
        value = Objects.requireNonNull(value, "value").strip();
    }

    /**
     * @param address an email address
     * @return the identity
     */
    public static Identity email(String address) {
        return new Identity(IdentityKind.EMAIL, "", address);
    }

    /**
     * @param number a phone number; the engine parses it with the tenant's default region and
     *     stores E.164
     * @return the identity
     */
    public static Identity phone(String number) {
        return new Identity(IdentityKind.PHONE, "", number);
    }

    /**
     * @param platform the platform, such as {@code facebook}, {@code reddit}, {@code x}
     * @param handle the handle on it
     * @return the identity
     */
    public static Identity social(String platform, String handle) {
        return new Identity(IdentityKind.SOCIAL, platform, handle);
    }

    /**
     * @param system the other system's name, such as {@code legacy-crm}
     * @param id the id the customer has there; matched exactly
     * @return the identity
     */
    public static Identity external(String system, String id) {
        return new Identity(IdentityKind.EXTERNAL, system, id);
    }

    /**
     * The matching key: equal keys mean the same identity. Stable across releases; adapters store
     * and index it.
     *
     * @return {@code kind:scope:normalised-value}
     */
    public String key() {
        return kind.label() + ":" + scope + ":" + normalizedValue();
    }

    /** @return the value as matched: lower-cased for email and social, as given otherwise */
    public String normalizedValue() {
        return switch (kind) {
            case EMAIL -> value.toLowerCase(Locale.ROOT);
            case SOCIAL -> (value.startsWith("@") ? value.substring(1) : value).toLowerCase(Locale.ROOT);
            case PHONE, EXTERNAL -> value;
        };
    }

    /** @return true if the other identity has the same key */
    public boolean sameAs(Identity other) {
        return key().equals(other.key());
    }
}
