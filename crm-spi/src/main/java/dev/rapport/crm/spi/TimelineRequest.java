package dev.rapport.crm.spi;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.TimelineKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a store is asked for when reading a customer's timeline: newest first by {@link
 * TimelineKey#NEWEST_FIRST}, filtered, strictly after a position.
 *
 * @param customer the customer
 * @param kinds the kinds to include; empty means every kind
 * @param channels the channels to include; empty means every channel
 * @param from include activities that occurred at or after this instant; null for no bound
 * @param to include activities that occurred strictly before this instant; null for no bound
 * @param limit the most to return, at least 1
 * @param before continue strictly after this position in newest-first order (that is, with older
 *     activities); null for the newest
 * @since 0.2
 */
public record TimelineRequest(
        CustomerId customer,
        Set<ActivityKind> kinds,
        Set<Channel> channels,
        @Nullable Instant from,
        @Nullable Instant to,
        int limit,
        @Nullable TimelineKey before) {

    /** Checks presence and the limit, and copies the sets. */
    public TimelineRequest {
        Objects.requireNonNull(customer, "customer");
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /**
     * @param kind a kind
     * @return true if the request includes it
     */
    public boolean includes(ActivityKind kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }

    /**
     * @param channel a channel
     * @return true if the request includes it
     */
    public boolean includes(Channel channel) {
        return channels.isEmpty() || channels.contains(channel);
    }

    /**
     * @param at an instant
     * @return true if it lies in {@code [from, to)}
     */
    public boolean inRange(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }
}
