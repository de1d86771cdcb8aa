package dev.rapport.crm.model;

import java.util.Objects;
import java.util.UUID;

/**
 * An SLA policy's id. Wraps a UUID (version 7, time-ordered, when Rapport generated it). Prints and parses
 * round-trip; ordered as the databases order UUIDs, by the unsigned value of their 128 bits.
 *
 * @param value the UUID
 * @since 0.3
 */
public record SlaPolicyId(UUID value) implements Comparable<SlaPolicyId> {
    /** Checks the value is present. */
    public SlaPolicyId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the UUID
     * @return the id
     */
    public static SlaPolicyId of(UUID value) {
        return new SlaPolicyId(value);
    }

    /**
     * Parses the canonical 36-character form.
     *
     * @param text the id as printed by {@link #toString()}
     * @return the id
     * @throws ValidationException if the text is not a UUID
     */
    public static SlaPolicyId parse(String text) {
        return new SlaPolicyId(Uuids.parse("slaPolicyId", text));
    }

    @Override
    public int compareTo(SlaPolicyId other) {
        return Uuids.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
