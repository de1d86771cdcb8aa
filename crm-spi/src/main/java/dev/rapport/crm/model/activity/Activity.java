package dev.rapport.crm.model.activity;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An entry of a customer's timeline. Timelines are ordered newest first by {@code (occurredAt,
 * activityId)}, both descending, ids compared as unsigned 128-bit values ({@link
 * TimelineKey#NEWEST_FIRST}). Later kinds of activity (case and loyalty events) join the timeline
 * by implementing this interface.
 *
 * @since 0.2
 */
public sealed interface Activity permits Interaction, Order, Reversal {
    /** @return the id of the underlying record, unique across every kind */
    UUID activityId();

    /** @return the kind */
    ActivityKind activityKind();

    /** @return when it happened (not when it was recorded) */
    Instant occurredAt();

    /** @return the customer, or null for an inbound interaction parked as unmatched */
    @Nullable
    CustomerId customerId();

    /** @return the channel it happened on */
    Channel channel();

    /** @return its position on the timeline */
    default TimelineKey timelineKey() {
        return new TimelineKey(occurredAt(), activityId());
    }
}
