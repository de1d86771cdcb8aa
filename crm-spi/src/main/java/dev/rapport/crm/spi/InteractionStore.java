package dev.rapport.crm.spi;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.ThreadSummary;
import dev.rapport.crm.model.activity.TimelineKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Interactions of one tenant. Every method sees the session's own uncommitted writes.
 *
 * @since 0.2
 */
public interface InteractionStore {

    /**
     * @param id an interaction id
     * @return the interaction, if it exists in this tenant
     */
    Optional<Interaction> get(InteractionId id);

    /**
     * @param source a source reference
     * @return the interaction of this tenant with the same {@link SourceRef#key()}, if any
     */
    Optional<Interaction> findBySource(SourceRef source);

    /**
     * Stores a new interaction (version 1), unless it has a source reference whose key another
     * interaction of the tenant already holds: then nothing is written and that one is returned.
     * When two transactions insert the same key at once, exactly one inserts; the other waits for
     * it and, if it commits, returns its interaction (the adapter may instead fail the waiting
     * transaction with a retryable failure and run it again).
     *
     * <p>An adapter whose {@link #refusesUnknownCustomers()} is true also refuses an interaction
     * whose customer is not one of the tenant's, unless its source is held (then the holder is
     * returned as above).
     *
     * @param interaction the interaction
     * @return empty if it was inserted, else the interaction already holding its source key
     * @throws dev.rapport.crm.model.NotFoundException if {@link #refusesUnknownCustomers()} and the
     *     interaction names a customer this tenant does not have; nothing is written
     */
    Optional<Interaction> insertIfAbsent(Interaction interaction);

    /**
     * Whether {@link #insertIfAbsent} checks the interaction's customer itself, in the statement
     * that inserts it (a database adapter: {@code INSERT ... SELECT ... FROM customers}), so that
     * the engine need not read the customer first. The default, false, leaves the check to the
     * engine.
     *
     * @return true if {@link #insertIfAbsent} refuses an unknown customer with {@link
     *     dev.rapport.crm.model.NotFoundException}
     * @since 0.3
     */
    default boolean refusesUnknownCustomers() {
        return false;
    }

    /**
     * Replaces an interaction, guarded by version as {@link CustomerStore#update} is.
     *
     * @param before the interaction as the engine read it
     * @param after the changed interaction, one version up
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version differs
     * @throws dev.rapport.crm.model.NotFoundException if it no longer exists
     */
    void update(Interaction before, Interaction after);

    /**
     * The interactions of one thread, oldest first by {@link TimelineKey#OLDEST_FIRST}.
     *
     * @param threadId the thread id
     * @param limit the most to return, at least 1
     * @param after continue strictly after this position; null for the start
     * @return the interactions
     */
    List<Interaction> thread(String threadId, int limit, @Nullable TimelineKey after);

    /**
     * A customer's conversations: their interactions that have a thread id, grouped by it, each
     * summarised by its count, its earliest time and its latest interaction, ordered by that latest
     * interaction, newest first ({@link TimelineKey#NEWEST_FIRST}). Only the customer's own
     * interactions count, also when others share the thread id.
     *
     * @param customer the customer
     * @param limit the most to return, at least 1
     * @param before continue strictly after this position (a thread's latest interaction) in that
     *     order; null for the newest
     * @return the threads
     * @since 0.2
     */
    List<ThreadSummary> threads(CustomerId customer, int limit, @Nullable TimelineKey before);

    /**
     * Inbound interactions parked without a customer, newest first by {@link
     * TimelineKey#NEWEST_FIRST}.
     *
     * @param limit the most to return, at least 1
     * @param before continue strictly after this position in that order; null for the newest
     * @return the interactions
     */
    List<Interaction> unmatched(int limit, @Nullable TimelineKey before);

    /**
     * Finds the interactions holding several source references at once (bulk paths). The default calls
     * {@link #findBySource} for each; a database adapter answers with one query.
     *
     * @param sources the source references
     * @return the interactions found, keyed by {@link SourceRef#key()}
     * @since 0.2
     */
    default Map<String, Interaction> findBySources(Collection<SourceRef> sources) {
        Map<String, Interaction> found = new LinkedHashMap<>();
        for (SourceRef source : sources) {
            findBySource(source).ifPresent(x -> found.put(source.key(), x));
        }
        return found;
    }

    /**
     * Stores several new interactions (bulk paths), each as {@link #insertIfAbsent} does, except
     * that the customers are the caller's to check (the engine's bulk service checks them all in one
     * read before): a batching adapter need not check them, even if {@link
     * #refusesUnknownCustomers()}. The default calls {@link #insertIfAbsent} for each; a database
     * adapter batches (PostgreSQL: {@code COPY} into a staging table, then one {@code INSERT ... ON
     * CONFLICT DO NOTHING}).
     *
     * @param items the interactions, with distinct ids and distinct source keys
     * @return for each one not inserted because its source key was taken, the interaction holding it,
     *     keyed by {@link SourceRef#key()}
     * @since 0.2
     */
    default Map<String, Interaction> insertAllIfAbsent(List<Interaction> items) {
        Map<String, Interaction> holders = new LinkedHashMap<>();
        for (Interaction item : items) {
            insertIfAbsent(item)
                    .ifPresent(h -> holders.put(
                            java.util.Objects.requireNonNull(item.source()).key(), h));
        }
        return holders;
    }
}
