package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CustomerId;

/**
 * An event about one customer.
 *
 * @since 0.1
 */
public sealed interface CustomerEvent extends CrmEvent
        permits CustomerCreated,
                CustomerUpdated,
                CustomerIdentityAdded,
                CustomerIdentityRemoved,
                CustomerStageChanged,
                CustomerDeleted {
    /** @return the customer */
    CustomerId customerId();

    /** @return the customer's version after the change (for a deletion, the last version) */
    long version();
}
