package dev.rapport.crm.model;

import java.util.Objects;
import java.util.UUID;

/**
 * The id of an order's cancellation or return. Wraps a UUID (version 7, time-ordered, when Rapport generated it). Prints and parses
 * round-trip; ordered as the databases order UUIDs, by the unsigned value of their 128 bits.
 *
 * @param value the UUID
 * @since 0.2
 */
public record ReversalId(UUID value) implements Comparable<ReversalId> {
    /** Checks the value is present. */
    public ReversalId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the UUID
     * @return the id
     */
    public static ReversalId of(UUID value) {
        return new ReversalId(value);
    }

    /**
     * Parses the canonical 36-character form.
     *
     * @param text the id as printed by {@link #toString()}
     * @return the id
     * @throws ValidationException if the text is not a UUID
     */
    public static ReversalId parse(String text) {
        return new ReversalId(Uuids.parse("reversalId", text));
    }

    @Override
    public int compareTo(ReversalId other) {
        return Uuids.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
