package dev.rapport.crm.model;

import java.util.Objects;
import java.util.UUID;

/**
 * An order's id. Wraps a UUID (version 7, time-ordered, when Rapport generated it). Prints and parses
 * round-trip; ordered as the databases order UUIDs, by the unsigned value of their 128 bits.
 *
 * @param value the UUID
 * @since 0.2
 */
public record OrderId(UUID value) implements Comparable<OrderId> {
    /** Checks the value is present. */
    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the UUID
     * @return the id
     */
    public static OrderId of(UUID value) {
        return new OrderId(value);
    }

    /**
     * Parses the canonical 36-character form.
     *
     * @param text the id as printed by {@link #toString()}
     * @return the id
     * @throws ValidationException if the text is not a UUID
     */
    public static OrderId parse(String text) {
        return new OrderId(Uuids.parse("orderId", text));
    }

    @Override
    public int compareTo(OrderId other) {
        return Uuids.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
