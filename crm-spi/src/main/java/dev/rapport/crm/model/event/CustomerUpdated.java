package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Fields of a customer changed: names, preferences, tags or attributes. {@link #changedFields()} names them (`displayName`, `preferences`, `tags`, `attributes.tier`, ...).
 *
 * @param id the event id
 * @param tenantId the tenant
 * @param occurredAt when it happened
 * @param customerId the customer
 * @param version the customer's version after the change
 * @param changedFields the names of the changed fields, sorted
 * @since 0.1
 */
public record CustomerUpdated(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        CustomerId customerId,
        long version,
        List<String> changedFields)
        implements CustomerEvent {
    /** The stable type name. */
    public static final String TYPE = "customer.updated";

    /** Checks presence. */
    public CustomerUpdated {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(customerId, "customerId");
        changedFields = List.copyOf(new TreeSet<>(changedFields));
    }

    @Override
    public String type() {
        return TYPE;
    }
}
