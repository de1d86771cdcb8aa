package dev.rapport.crm.model.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened to a case, recorded by the engine as it happens. Replies are interactions linked
 * to the case (by hand or because they arrived on one of its threads):
 *
 * <ul>
 *   <li>An <b>agent reply</b> is a linked outbound interaction with an author (an internal note
 *       is never a reply, and an outbound message without an author, such as an automatic
 *       acknowledgement, is not one either).
 *   <li>A <b>customer message</b> is a linked inbound interaction.
 *   <li>Only interactions that occurred at or after the case was opened count; older ones linked
 *       for context change no fact.
 * </ul>
 *
 * @param firstResponseAt when the first agent reply occurred, if there was one
 * @param lastAgentReplyAt when the latest agent reply occurred, if there was one
 * @param agentReplies how many agent replies there were
 * @param awaitingReplySince after the first response: when the oldest customer message still
 *     without an agent reply after it occurred, if one waits
 * @param nextResponseTimes after the first response, for each customer message that waited, the
 *     time from it to the next agent reply, oldest first (a message arriving while another still
 *     waits starts no clock of its own)
 * @param reopenCount how often the case was reopened from {@link CaseStatus#SOLVED}
 * @param firstSolvedAt when it was first solved, if it was
 * @param solvedAt when it was last solved, if it is solved or closed now
 * @param closedAt when it was closed, if it is
 * @param firstContactResolution whether the tenant's first-contact-resolution policy counts the
 *     case as resolved at first contact, decided each time the case is solved or reopened; null
 *     until it is first solved
 * @since 0.3
 */
public record CaseFacts(
        @Nullable Instant firstResponseAt,
        @Nullable Instant lastAgentReplyAt,
        int agentReplies,
        @Nullable Instant awaitingReplySince,
        List<Duration> nextResponseTimes,
        int reopenCount,
        @Nullable Instant firstSolvedAt,
        @Nullable Instant solvedAt,
        @Nullable Instant closedAt,
        @Nullable Boolean firstContactResolution) {

    /** The facts of a case just opened. */
    public static final CaseFacts NONE = new CaseFacts(null, null, 0, null, List.of(), 0, null, null, null, null);

    /** Checks counts and copies the list. */
    public CaseFacts {
        if (agentReplies < 0 || reopenCount < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        nextResponseTimes = List.copyOf(Objects.requireNonNull(nextResponseTimes, "nextResponseTimes"));
    }
}
