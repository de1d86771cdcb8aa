package dev.rapport.crm.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A timer's id. Each scheduling of a timer key gets a new one, so the id names one scheduling and
 * a claim of the old one cannot complete the new one. Wraps a UUID (version 7, time-ordered, when
 * Rapport generated it). Prints and parses round-trip: {@code TimerId.parse(id.toString()).equals(id)}.
 * Ordered as the databases order UUIDs: by the unsigned value of their 128 bits.
 *
 * @param value the UUID
 * @since 0.3
 */
public record TimerId(UUID value) implements Comparable<TimerId> {
    /** Checks the value is present. */
    public TimerId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the UUID
     * @return the id
     */
    public static TimerId of(UUID value) {
        return new TimerId(value);
    }

    /**
     * Parses the canonical 36-character form.
     *
     * @param text the id as printed by {@link #toString()}
     * @return the id
     * @throws ValidationException if the text is not a UUID
     */
    public static TimerId parse(String text) {
        return new TimerId(Uuids.parse("timerId", text));
    }

    @Override
    public int compareTo(TimerId other) {
        return Uuids.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
