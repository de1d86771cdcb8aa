package dev.rapport.crm.spi;

import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Orders and their reversals, of one tenant. Every method sees the session's own uncommitted
 * writes.
 *
 * @since 0.2
 */
public interface OrderStore {

    /**
     * @param id an order id
     * @return the order, if it exists in this tenant
     */
    Optional<Order> get(OrderId id);

    /**
     * @param source a source reference
     * @return the order of this tenant with the same {@link SourceRef#key()}, if any
     */
    Optional<Order> findBySource(SourceRef source);

    /**
     * Stores a new order (version 1) unless another order of the tenant holds its source key, as
     * {@link InteractionStore#insertIfAbsent} does.
     *
     * @param order the order
     * @return empty if it was inserted, else the order already holding its source key
     */
    Optional<Order> insertIfAbsent(Order order);

    /**
     * Replaces an order (after a reversal), guarded by version as {@link CustomerStore#update} is.
     *
     * @param before the order as the engine read it
     * @param after the changed order, one version up
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version differs
     * @throws dev.rapport.crm.model.NotFoundException if it no longer exists
     */
    void update(Order before, Order after);

    /**
     * @param source a source reference
     * @return the reversal of this tenant with the same {@link SourceRef#key()}, if any
     */
    Optional<Reversal> findReversalBySource(SourceRef source);

    /**
     * Stores a new reversal unless another reversal of the tenant holds its source key, as {@link
     * InteractionStore#insertIfAbsent} does. The engine updates the order in the same transaction.
     *
     * @param reversal the reversal
     * @return empty if it was inserted, else the reversal already holding its source key
     */
    Optional<Reversal> insertReversalIfAbsent(Reversal reversal);

    /**
     * @param order an order id
     * @return its reversals, oldest first by {@code (occurredAt, id)}
     */
    List<Reversal> reversals(OrderId order);

    /**
     * Finds the orders holding several source references at once (bulk paths). The default calls
     * {@link #findBySource} for each; a database adapter answers with one query.
     *
     * @param sources the source references
     * @return the orders found, keyed by {@link SourceRef#key()}
     * @since 0.2
     */
    default Map<String, Order> findBySources(Collection<SourceRef> sources) {
        Map<String, Order> found = new LinkedHashMap<>();
        for (SourceRef source : sources) {
            findBySource(source).ifPresent(x -> found.put(source.key(), x));
        }
        return found;
    }

    /**
     * Stores several new orders (bulk paths), each as {@link #insertIfAbsent} does. The default
     * calls it for each; a database adapter batches (PostgreSQL: {@code COPY} into a staging
     * table, then one {@code INSERT ... ON CONFLICT DO NOTHING}).
     *
     * @param items the orders, with distinct ids and distinct source keys
     * @return for each one not inserted because its source key was taken, the order holding it,
     *     keyed by {@link SourceRef#key()}
     * @since 0.2
     */
    default Map<String, Order> insertAllIfAbsent(List<Order> items) {
        Map<String, Order> holders = new LinkedHashMap<>();
        for (Order item : items) {
            insertIfAbsent(item)
                    .ifPresent(h ->
                            holders.put(Objects.requireNonNull(item.source()).key(), h));
        }
        return holders;
    }

    /**
     * Reads several orders at once (bulk paths). The default calls {@link #get} for each; a
     * database adapter answers with one query per chunk of ids.
     *
     * @param ids order ids
     * @return the orders that exist in this tenant, by id, in the order of {@code ids}
     * @since 0.2
     */
    default Map<OrderId, Order> getAll(Collection<OrderId> ids) {
        Map<OrderId, Order> found = new LinkedHashMap<>();
        for (OrderId id : ids) {
            get(id).ifPresent(o -> found.put(id, o));
        }
        return found;
    }

    /**
     * Finds the reversals holding several source references at once (bulk paths). The default
     * calls {@link #findReversalBySource} for each; a database adapter answers with one query per
     * chunk of keys.
     *
     * @param sources the source references
     * @return the reversals found, keyed by {@link SourceRef#key()}
     * @since 0.2
     */
    default Map<String, Reversal> findReversalsBySources(Collection<SourceRef> sources) {
        Map<String, Reversal> found = new LinkedHashMap<>();
        for (SourceRef source : sources) {
            findReversalBySource(source).ifPresent(r -> found.put(source.key(), r));
        }
        return found;
    }

    /**
     * Reads the reversals of several orders at once (bulk paths). The default calls {@link
     * #reversals(OrderId)} for each; a database adapter answers with one query per chunk of ids.
     *
     * @param orders order ids
     * @return for each of them, its reversals oldest first by {@code (occurredAt, id)} (an empty list
     *     for an order without any, or unknown), in the order of {@code orders}
     * @since 0.2
     */
    default Map<OrderId, List<Reversal>> reversalsOf(Collection<OrderId> orders) {
        Map<OrderId, List<Reversal>> found = new LinkedHashMap<>();
        for (OrderId order : orders) {
            found.computeIfAbsent(order, this::reversals);
        }
        return found;
    }

    /**
     * Stores several new reversals (bulk paths), each as {@link #insertReversalIfAbsent} does. The
     * default calls it for each; a database adapter batches (PostgreSQL: {@code COPY} into a staging
     * table, then one {@code INSERT ... ON CONFLICT DO NOTHING}). The engine updates the orders in
     * the same transaction ({@link #updateAll}).
     *
     * @param items the reversals, with distinct ids and distinct source keys
     * @return for each one not inserted because its source key was taken, the reversal holding it,
     *     keyed by {@link SourceRef#key()}
     * @since 0.2
     */
    default Map<String, Reversal> insertAllReversalsIfAbsent(List<Reversal> items) {
        Map<String, Reversal> holders = new LinkedHashMap<>();
        for (Reversal item : items) {
            insertReversalIfAbsent(item)
                    .ifPresent(h ->
                            holders.put(Objects.requireNonNull(item.source()).key(), h));
        }
        return holders;
    }

    /**
     * Replaces several orders (bulk paths), each step as {@link #update} does, in list order: {@code
     * after.get(i)} is {@code before.get(i)} one version up. An order may appear in several steps,
     * each starting from the one before it ({@code before} of a later step equals {@code after} of
     * the earlier one), as when several reversals of one batch take from it; only the last state
     * needs to be stored, guarded by the version of the first. The default calls {@link #update}
     * for each step; a database adapter writes each order once, in batches.
     *
     * @param before the orders as the engine read them (or as an earlier step left them)
     * @param after the changed orders, one version up each, as many as {@code before}
     * @throws dev.rapport.crm.model.ConcurrencyException if a stored version differs
     * @throws dev.rapport.crm.model.NotFoundException if an order no longer exists
     * @since 0.2
     */
    default void updateAll(List<Order> before, List<Order> after) {
        if (before.size() != after.size()) {
            throw new IllegalArgumentException(
                    "updateAll takes as many orders after as before, not " + after.size() + " and " + before.size());
        }
        for (int i = 0; i < before.size(); i++) {
            update(before.get(i), after.get(i));
        }
    }
}
