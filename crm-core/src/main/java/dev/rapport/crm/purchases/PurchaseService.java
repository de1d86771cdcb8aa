package dev.rapport.crm.purchases;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.CurrencyTotals;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.PurchaseFacts;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders, cancellations and returns of one tenant, and the figures counted over them. Commands
 * run in one transaction each and emit {@code order.recorded} and {@code order.reversed}; bad
 * input throws {@link dev.rapport.crm.model.ValidationException} naming every field and nothing is
 * written. Money is {@link java.math.BigDecimal}, rounded as {@link
 * dev.rapport.crm.model.activity.Money} says. Thread-safe.
 *
 * @since 0.2
 */
public interface PurchaseService {

    /**
     * Records an order, idempotently by source: another order of the tenant with the same source
     * reference is returned instead, and nothing is written or emitted.
     *
     * @param command the order
     * @return the order recorded, or the one recorded earlier with the same source
     * @throws dev.rapport.crm.model.NotFoundException if the customer does not exist
     */
    Order record(NewOrder command);

    /**
     * Records a cancellation or return and updates the order (its version goes up), idempotently
     * by source as {@link #record} is.
     *
     * @param command the reversal
     * @return the reversal recorded, or the one recorded earlier with the same source
     * @throws dev.rapport.crm.model.NotFoundException if the order does not exist
     * @throws dev.rapport.crm.model.ConflictException if nothing of the order remains to reverse
     */
    Reversal reverse(NewReversal command);

    /**
     * @param id an order id
     * @return the order
     * @throws dev.rapport.crm.model.NotFoundException if there is none in this tenant
     */
    Order get(OrderId id);

    /**
     * @param id an order id
     * @return the order, if it exists in this tenant
     */
    Optional<Order> find(OrderId id);

    /**
     * @param source a source reference
     * @return the order recorded with it, if any
     */
    Optional<Order> findBySource(SourceRef source);

    /**
     * @param source a source reference
     * @return the reversal recorded with it, if any
     */
    Optional<Reversal> findReversalBySource(SourceRef source);

    /**
     * Finds the reversals recorded with several source references, as {@link #findReversalBySource}
     * does each, in one read (a database adapter asks one query per chunk of references): for
     * imports, which check a batch of source references at once.
     *
     * @param sources source references
     * @return the reversals found, keyed by the references given; a reference without one is absent
     * @throws dev.rapport.crm.model.ValidationException if a reference is malformed
     * @since 0.2
     */
    Map<SourceRef, Reversal> findReversalsBySources(Collection<SourceRef> sources);

    /**
     * @param order an order id
     * @return its reversals, oldest first
     */
    List<Reversal> reversals(OrderId order);

    /**
     * @param customer a customer
     * @return their purchase facts, counted by the store
     * @throws dev.rapport.crm.model.NotFoundException if the customer does not exist
     */
    PurchaseFacts facts(CustomerId customer);

    /** @return the tenant's purchases per currency, counted by the store, sorted by currency code */
    List<CurrencyTotals> totals();
}
