package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer was deleted, with their identities; the id is never reused.
 *
 * @param id the event id
 * @param tenantId the tenant
 * @param occurredAt when it happened
 * @param customerId the customer
 * @param version the customer's version after the change
 *
 * @since 0.1
 */
public record CustomerDeleted(EventId id, TenantId tenantId, Instant occurredAt, CustomerId customerId, long version)
        implements CustomerEvent {
    /** The stable type name. */
    public static final String TYPE = "customer.deleted";

    /** Checks presence. */
    public CustomerDeleted {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(customerId, "customerId");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
