package dev.rapport.crm.model;

import java.util.Objects;
import java.util.UUID;

/**
 * An interaction's id. Wraps a UUID (version 7, time-ordered, when Rapport generated it). Prints and parses
 * round-trip; ordered as the databases order UUIDs, by the unsigned value of their 128 bits.
 *
 * @param value the UUID
 * @since 0.2
 */
public record InteractionId(UUID value) implements Comparable<InteractionId> {
    /** Checks the value is present. */
    public InteractionId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the UUID
     * @return the id
     */
    public static InteractionId of(UUID value) {
        return new InteractionId(value);
    }

    /**
     * Parses the canonical 36-character form.
     *
     * @param text the id as printed by {@link #toString()}
     * @return the id
     * @throws ValidationException if the text is not a UUID
     */
    public static InteractionId parse(String text) {
        return new InteractionId(Uuids.parse("interactionId", text));
    }

    @Override
    public int compareTo(InteractionId other) {
        return Uuids.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
