package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * An identity was removed from a customer.
 *
 * @param id the event id
 * @param tenantId the tenant
 * @param occurredAt when it happened
 * @param customerId the customer
 * @param version the customer's version after the change
 * @param identity the identity removed
 * @since 0.1
 */
public record CustomerIdentityRemoved(
        EventId id, TenantId tenantId, Instant occurredAt, CustomerId customerId, long version, Identity identity)
        implements CustomerEvent {
    /** The stable type name. */
    public static final String TYPE = "customer.identity-removed";

    /** Checks presence. */
    public CustomerIdentityRemoved {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(identity, "identity");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
