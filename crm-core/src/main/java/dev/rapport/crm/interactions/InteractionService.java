package dev.rapport.crm.interactions;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.ThreadSummary;
import dev.rapport.crm.query.Page;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Interactions of one tenant. Every command runs in one transaction and records its events in
 * it ({@code interaction.recorded}, {@code interaction.linked}, and {@code customer.created} for a
 * lead); bad input throws {@link dev.rapport.crm.model.ValidationException} naming every field and
 * nothing is written. Thread-safe.
 *
 * @since 0.2
 */
public interface InteractionService {

    /**
     * Records an interaction with a known customer. Idempotent by source: if another interaction
     * of the tenant has the same source reference, returns it and writes and emits nothing, also
     * when two callers record the same source at once.
     *
     * @param command the interaction; its customer is required
     * @return the interaction recorded, or the one recorded earlier with the same source
     * @throws dev.rapport.crm.model.NotFoundException if the customer does not exist
     */
    Interaction record(NewInteraction command);

    /**
     * Ingests an inbound message: resolves its sender to a customer of this tenant (never of
     * another), follows the tenant's {@link UnmatchedPolicy} when none matches, threads it (see
     * {@link InboundMessage}) and records it, idempotently by source as {@link #record} does.
     *
     * @param message the message
     * @return the interaction and how the sender was resolved
     */
    IngestResult ingest(InboundMessage message);

    /**
     * @param id an interaction id
     * @return the interaction
     * @throws dev.rapport.crm.model.NotFoundException if there is none in this tenant
     */
    Interaction get(InteractionId id);

    /**
     * @param id an interaction id
     * @return the interaction, if it exists in this tenant
     */
    Optional<Interaction> find(InteractionId id);

    /**
     * @param source a source reference
     * @return the interaction recorded with it, if any
     */
    Optional<Interaction> findBySource(SourceRef source);

    /**
     * Links a parked unmatched interaction to a customer.
     *
     * @param id the interaction
     * @param customer the customer
     * @return the interaction, linked; unchanged if it was already linked to that customer
     * @throws dev.rapport.crm.model.ConflictException if it is linked to another customer
     * @throws dev.rapport.crm.model.NotFoundException if either does not exist
     */
    Interaction link(InteractionId id, CustomerId customer);

    /**
     * The messages of one thread, oldest first, keyset-paged.
     *
     * @param threadId the thread id
     * @param limit the page size, 1 to 1,000
     * @param cursor the cursor of the previous page, or null for the first
     * @return the page
     */
    Page<Interaction> thread(String threadId, int limit, @Nullable String cursor);

    /**
     * A customer's conversations, by their latest interaction, newest first, keyset-paged: each
     * thread id among the customer's interactions with its count, first time and latest
     * interaction. Read a thread's messages with {@link #thread}.
     *
     * @param customer the customer
     * @param limit the page size, 1 to 1,000
     * @param cursor the cursor of the previous page, or null for the first
     * @return the page (empty for an unknown customer)
     */
    Page<ThreadSummary> threads(CustomerId customer, int limit, @Nullable String cursor);

    /**
     * Parked unmatched interactions, newest first, keyset-paged.
     *
     * @param limit the page size, 1 to 1,000
     * @param cursor the cursor of the previous page, or null for the first
     * @return the page
     */
    Page<Interaction> unmatched(int limit, @Nullable String cursor);
}
