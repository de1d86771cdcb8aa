package dev.rapport.crm.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A domain event's id, stable across redelivery: relays deduplicate on it. Wraps a UUID (version 7, time-ordered, when Rapport generated it). Prints and parses
 * round-trip: {@code EventId.parse(id.toString()).equals(id)}. Ordered as the databases order
 * UUIDs: by the unsigned value of their 128 bits.
 *
 * @param value the UUID
 * @since 0.1
 */
public record EventId(UUID value) implements Comparable<EventId> {
    /** Checks the value is present. */
    public EventId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the UUID
     * @return the id
     */
    public static EventId of(UUID value) {
        return new EventId(value);
    }

    /**
     * Parses the canonical 36-character form.
     *
     * @param text the id as printed by {@link #toString()}
     * @return the id
     * @throws ValidationException if the text is not a UUID
     */
    public static EventId parse(String text) {
        return new EventId(Uuids.parse("eventId", text));
    }

    @Override
    public int compareTo(EventId other) {
        return Uuids.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
