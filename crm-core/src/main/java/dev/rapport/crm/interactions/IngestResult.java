package dev.rapport.crm.interactions;

import dev.rapport.crm.model.activity.Interaction;
import java.util.Objects;

/**
 * What {@link InteractionService#ingest} did with a message.
 *
 * @param interaction the interaction recorded, or the one recorded earlier for a duplicate
 * @param outcome how the sender was resolved
 * @since 0.2
 */
public record IngestResult(Interaction interaction, Outcome outcome) {
    /** Checks presence. */
    public IngestResult {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** How a message was resolved. */
    public enum Outcome {
        /** The sender's identity matched a customer; the message is theirs. */
        MATCHED,
        /** No customer matched; a lead was created and holds the message. */
        LEAD_CREATED,
        /** No customer matched; the message was parked as unmatched. */
        PARKED,
        /** The same source reference was recorded before; nothing was written or emitted. */
        DUPLICATE
    }
}
