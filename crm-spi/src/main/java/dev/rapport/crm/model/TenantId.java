package dev.rapport.crm.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A tenant: every stored row belongs to exactly one. Wraps a UUID (version 7, time-ordered, when Rapport generated it). Prints and parses
 * round-trip: {@code TenantId.parse(id.toString()).equals(id)}. Ordered as the databases order
 * UUIDs: by the unsigned value of their 128 bits.
 *
 * @param value the UUID
 * @since 0.1
 */
public record TenantId(UUID value) implements Comparable<TenantId> {
    /**
     * The tenant of a single-tenant application, which never names one. A fixed UUID, so data
     * written by one run is found by the next.
     */
    public static final TenantId DEFAULT = new TenantId(new UUID(0x0000000000007000L, 0x8000000000000000L));

    /** Checks the value is present. */
    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the UUID
     * @return the id
     */
    public static TenantId of(UUID value) {
        return new TenantId(value);
    }

    /**
     * Parses the canonical 36-character form.
     *
     * @param text the id as printed by {@link #toString()}
     * @return the id
     * @throws ValidationException if the text is not a UUID
     */
    public static TenantId parse(String text) {
        return new TenantId(Uuids.parse("tenantId", text));
    }

    @Override
    public int compareTo(TenantId other) {
        return Uuids.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
