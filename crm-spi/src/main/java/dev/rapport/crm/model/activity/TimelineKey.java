package dev.rapport.crm.model.activity;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * The position of an activity on a timeline: when it happened, then its id as the tie-breaker.
 *
 * @param occurredAt when the activity happened
 * @param id the activity's id
 * @since 0.2
 */
public record TimelineKey(Instant occurredAt, UUID id) {
    /** Oldest first: by time, then by the unsigned value of the id's 128 bits. */
    public static final Comparator<TimelineKey> OLDEST_FIRST =
            Comparator.comparing(TimelineKey::occurredAt).thenComparing(TimelineKey::id, TimelineKey::compareIds);

    /** Newest first: the reverse of {@link #OLDEST_FIRST}, the order of a timeline page. */
    public static final Comparator<TimelineKey> NEWEST_FIRST = OLDEST_FIRST.reversed();

    /** Checks presence. */
    public TimelineKey {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(id, "id");
    }

    /**
     * Compares UUIDs as the databases do: by the unsigned value of their 128 bits.
     *
     * @param a a UUID
     * @param b another
     * @return negative, zero or positive as {@code a} is below, equal to or above {@code b}
     */
    public static int compareIds(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
