package dev.rapport.crm.bulk;

import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.purchases.NewOrder;
import dev.rapport.crm.purchases.NewReversal;
import java.util.List;

/**
 * Bulk writes for imports. Each call writes its whole batch in one transaction, with the store's
 * bulk paths (batched statements; {@code COPY} on PostgreSQL), and answers every item with its
 * own {@link BatchOutcome}: an item that breaks a rule is {@link BatchOutcome#REJECTED} with its
 * problems and the others go on; a storage failure fails the call and writes nothing of the
 * batch. Items follow the same rules, limits and idempotency as the single commands, and emit
 * the same events. Batches hold 1 to {@link #MAX_BATCH} items. Thread-safe.
 *
 * @since 0.2
 */
public interface BulkService {
    /** The largest batch. */
    int MAX_BATCH = 10_000;

    /**
     * Creates customers or matches stored ones. Each command's first identity is its key: when a
     * customer holds it, the command's attribute values are written to that customer if any
     * differ ({@link BatchOutcome#UPDATED}), else nothing is ({@link BatchOutcome#UNCHANGED});
     * other fields of a matched customer are left alone. Otherwise the customer is created, unless
     * another of its identities is held by someone else (rejected). Commands with the same key in
     * one batch are applied in order to the same customer. A command without identities is
     * rejected. The same as {@code upsertCustomers(commands, ExistingAttributes.OVERWRITE)}.
     *
     * @param commands the commands
     * @return one result per command
     */
    default BatchResult<Customer> upsertCustomers(List<NewCustomer> commands) {
        return upsertCustomers(commands, ExistingAttributes.OVERWRITE);
    }

    /**
     * Creates customers or matches stored ones, as {@link #upsertCustomers(List)} does, with a
     * choice of what happens to a matched customer's attribute values: {@link
     * ExistingAttributes#OVERWRITE} writes the command's values over them, {@link
     * ExistingAttributes#KEEP} only adds those the customer has no value for. Either way a match
     * that changes nothing is {@link BatchOutcome#UNCHANGED} and emits nothing.
     *
     * @param commands the commands
     * @param matched what to do with the attribute values of a matched customer
     * @return one result per command
     * @since 0.3
     */
    BatchResult<Customer> upsertCustomers(List<NewCustomer> commands, ExistingAttributes matched);

    /**
     * Records orders, as {@link dev.rapport.crm.purchases.PurchaseService#record} does each; a
     * repeated source is {@link BatchOutcome#DUPLICATE}, an unknown customer rejected.
     *
     * @param commands the orders
     * @return one result per order
     */
    BatchResult<Order> recordOrders(List<NewOrder> commands);

    /**
     * Records interactions with known customers, as {@link
     * dev.rapport.crm.interactions.InteractionService#record} does each.
     *
     * @param commands the interactions
     * @return one result per interaction
     */
    BatchResult<Interaction> recordInteractions(List<NewInteraction> commands);

    /**
     * Records cancellations and returns in order, as {@link
     * dev.rapport.crm.purchases.PurchaseService#reverse} does each: a later item sees what the items
     * before it took from the same order, and an order reversed several times goes up one version
     * per reversal. One that does not fit its order (unknown order or line, more than remains,
     * nothing left) is rejected; a repeated source, stored or earlier in the batch, is {@link
     * BatchOutcome#DUPLICATE}.
     *
     * @param commands the reversals
     * @return one result per reversal
     */
    BatchResult<Reversal> reverseOrders(List<NewReversal> commands);
}
