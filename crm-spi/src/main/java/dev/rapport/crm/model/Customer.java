package dev.rapport.crm.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A person the tenant serves: the one record of them across every channel. Immutable; the engine
 * makes changed copies and stores them with {@code version + 1}.
 *
 * @param id the customer's id
 * @param version starts at 1; each stored change adds 1 (optimistic locking)
 * @param createdAt when the customer was created (microsecond precision, from the engine's clock)
 * @param updatedAt when the customer was last changed
 * @param displayName how to address the customer; never blank
 * @param givenName given name, if known
 * @param familyName family name, if known
 * @param identities email addresses, phone numbers, social handles and external ids, each unique
 *     within the tenant, in the order they were added
 * @param preferences channel, language, time zone and consent
 * @param stage the lifecycle stage
 * @param tags normalised tags, sorted
 * @param attributes custom attribute values by key, sorted by key
 * @since 0.1
 */
public record Customer(
        CustomerId id,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String displayName,
        @Nullable String givenName,
        @Nullable String familyName,
        List<Identity> identities,
        Preferences preferences,
        LifecycleStage stage,
        List<String> tags,
        Map<String, AttributeValue> attributes) {

    /** Checks presence and copies the collections (tags sorted and distinct, attributes by key). */
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(stage, "stage");
        identities = List.copyOf(identities);
        tags = List.copyOf(new TreeSet<>(tags));
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }

    /**
     * @param kind a kind of identity
     * @return the identities of that kind, in the order added
     */
    public List<Identity> identities(IdentityKind kind) {
        return identities.stream().filter(i -> i.kind() == kind).toList();
    }

    /** @return the first email address, if any */
    public Optional<String> primaryEmail() {
        return identities(IdentityKind.EMAIL).stream().findFirst().map(Identity::value);
    }

    /** @return the first phone number (E.164), if any */
    public Optional<String> primaryPhone() {
        return identities(IdentityKind.PHONE).stream().findFirst().map(Identity::value);
    }

    /**
     * @param key an attribute key
     * @return its value, if set
     */
    public Optional<AttributeValue> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }
}
