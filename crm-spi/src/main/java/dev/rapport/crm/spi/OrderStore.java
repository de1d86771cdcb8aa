package dev.rapport.crm.spi;

import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                    .ifPresent(h -> holders.put(
                            java.util.Objects.requireNonNull(item.source()).key(), h));
        }
        return holders;
    }
}
