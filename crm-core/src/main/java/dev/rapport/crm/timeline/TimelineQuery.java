package dev.rapport.crm.timeline;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.activity.ActivityKind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What page of a timeline to read. Immutable; each method returns a changed copy:
 *
 * <pre>{@code
 * TimelineQuery.of(ada.id()).kinds(ActivityKind.INTERACTION).channels(Channel.EMAIL).limit(20)
 * }</pre>
 *
 * @param customer the customer
 * @param kinds the kinds to include; empty for all
 * @param channels the channels to include; empty for all
 * @param from include activities at or after this instant, or null
 * @param to include activities strictly before this instant, or null
 * @param limit the page size, 1 to {@link #MAX_LIMIT}; default {@link #DEFAULT_LIMIT}
 * @param cursor the previous page's cursor, or null for the first page
 * @since 0.2
 */
public record TimelineQuery(
        CustomerId customer,
        Set<ActivityKind> kinds,
        Set<Channel> channels,
        @Nullable Instant from,
        @Nullable Instant to,
        int limit,
        @Nullable String cursor) {

    /** The default page size. */
    public static final int DEFAULT_LIMIT = 50;

    /** The largest page size. */
    public static final int MAX_LIMIT = 1000;

    /** Checks presence and copies the sets. */
    public TimelineQuery {
        Objects.requireNonNull(customer, "customer");
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
    }

    /**
     * @param customer the customer
     * @return the first page of everything, {@link #DEFAULT_LIMIT} entries
     */
    public static TimelineQuery of(CustomerId customer) {
        return new TimelineQuery(customer, Set.of(), Set.of(), null, null, DEFAULT_LIMIT, null);
    }

    /**
     * @param only the kinds to include
     * @return a copy with them
     */
    public TimelineQuery kinds(ActivityKind... only) {
        return new TimelineQuery(customer, Set.of(only), channels, from, to, limit, cursor);
    }

    /**
     * @param only the channels to include
     * @return a copy with them
     */
    public TimelineQuery channels(Channel... only) {
        return new TimelineQuery(customer, kinds, Set.of(only), from, to, limit, cursor);
    }

    /**
     * @param fromInclusive the earliest instant, or null
     * @param toExclusive the instant before which to stop, or null
     * @return a copy with that range
     */
    public TimelineQuery between(@Nullable Instant fromInclusive, @Nullable Instant toExclusive) {
        return new TimelineQuery(customer, kinds, channels, fromInclusive, toExclusive, limit, cursor);
    }

    /**
     * @param size the page size
     * @return a copy with it
     */
    public TimelineQuery limit(int size) {
        return new TimelineQuery(customer, kinds, channels, from, to, size, cursor);
    }

    /**
     * @param nextCursor the cursor of the previous page
     * @return a copy reading the page after it
     */
    public TimelineQuery after(@Nullable String nextCursor) {
        return new TimelineQuery(customer, kinds, channels, from, to, limit, nextCursor);
    }
}
