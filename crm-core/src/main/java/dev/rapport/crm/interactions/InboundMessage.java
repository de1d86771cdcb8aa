package dev.rapport.crm.interactions;

import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.activity.Direction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An inbound message (email, SMS, chat or social post) with the identity of its sender, for
 * {@link InteractionService#ingest}. The parsers of the {@code crm-mail} and {@code crm-social}
 * modules produce these; an application can build them too.
 *
 * <p>Threading, first match wins: the thread of the first interaction found by {@code replyTo}
 * (external ids in the message's own source system, nearest first: an email's {@code
 * In-Reply-To}, then its {@code References} from the last); else the interaction's own thread id,
 * if it has one (social parsers name the conversation); else, when {@code subjectWindow} is set
 * and the sender is a known customer, the thread of that customer's latest interaction on the
 * same channel within the window before this message whose normalised subject (prefixes such as
 * {@code Re:}, {@code Fwd:}, {@code AW:} removed, case and spacing ignored) is the same; else a new
 * thread named by the interaction's id.
 *
 * @param sender the customer's identity: an email address, phone number, social handle or external
 *     id. For an inbound message it is the sender; for an outbound one that a channel reports back
 *     (a Messenger echo of the page's own reply) it is the recipient
 * @param senderName the sender's name as the message gives it, used to name a lead; at most 200
 *     characters
 * @param interaction the interaction; its direction {@link Direction#INBOUND} (or {@link
 *     Direction#OUTBOUND} for a reported reply, never internal) and its customer unset
 * @param replyTo external ids of the messages it replies to, nearest first; at most 100
 * @param subjectWindow how far back subject threading looks, or null to not thread by subject
 * @since 0.2
 */
public record InboundMessage(
        Identity sender,
        @Nullable String senderName,
        NewInteraction interaction,
        List<String> replyTo,
        @Nullable Duration subjectWindow) {

    /** Checks presence and copies the list. */
    public InboundMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(interaction, "interaction");
        replyTo = Collections.unmodifiableList(new ArrayList<>(replyTo));
    }

    /**
     * @param sender the sender's identity
     * @param interaction the interaction
     * @return a message without a sender name or threading hints
     */
    public static InboundMessage from(Identity sender, NewInteraction interaction) {
        return new InboundMessage(sender, null, interaction, List.of(), null);
    }

    /**
     * @param name the sender's name
     * @return a copy with it
     */
    public InboundMessage senderName(@Nullable String name) {
        return new InboundMessage(sender, name, interaction, replyTo, subjectWindow);
    }

    /**
     * @param externalIds external ids of the messages it replies to, nearest first
     * @return a copy with them
     */
    public InboundMessage replyingTo(List<String> externalIds) {
        return new InboundMessage(sender, senderName, interaction, externalIds, subjectWindow);
    }

    /**
     * @param window how far back to look for an earlier message with the same subject
     * @return a copy that threads by subject
     */
    public InboundMessage threadBySubjectWithin(@Nullable Duration window) {
        return new InboundMessage(sender, senderName, interaction, replyTo, window);
    }
}
