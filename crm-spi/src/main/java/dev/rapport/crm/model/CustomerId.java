package dev.rapport.crm.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A customer's id. Wraps a UUID (version 7, time-ordered, when Rapport generated it). Prints and parses
 * round-trip: {@code CustomerId.parse(id.toString()).equals(id)}. Ordered as the databases order
 * UUIDs: by the unsigned value of their 128 bits.
 *
 * @param value the UUID
 * @since 0.1
 */
public record CustomerId(UUID value) implements Comparable<CustomerId> {
    /** Checks the value is present. */
    public CustomerId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the UUID
     * @return the id
     */
    public static CustomerId of(UUID value) {
        return new CustomerId(value);
    }

    /**
     * Parses the canonical 36-character form.
     *
     * @param text the id as printed by {@link #toString()}
     * @return the id
     * @throws ValidationException if the text is not a UUID
     */
    public static CustomerId parse(String text) {
        return new CustomerId(Uuids.parse("customerId", text));
    }

    @Override
    public int compareTo(CustomerId other) {
        return Uuids.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
