package dev.rapport.crm.model.activity;

import java.time.Instant;
import java.util.Objects;

/**
 * One conversation of a customer: the interactions of that customer sharing a thread id.
 * Customers' thread lists are ordered by their latest interaction, newest first ({@link
 * #position()} in {@link TimelineKey#NEWEST_FIRST} order).
 *
 * @param threadId the thread id
 * @param messages how many of the customer's interactions it holds
 * @param firstAt when the earliest of them happened
 * @param latest the latest of them
 * @since 0.2
 */
public record ThreadSummary(String threadId, long messages, Instant firstAt, Interaction latest) {
    /** Checks presence and the count. */
    public ThreadSummary {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(firstAt, "firstAt");
        Objects.requireNonNull(latest, "latest");
        if (messages < 1) {
            throw new IllegalArgumentException("a thread holds at least one message, was " + messages);
        }
    }

    /** @return the position of the thread in a customer's list: its latest interaction's */
    public TimelineKey position() {
        return latest.timelineKey();
    }
}
