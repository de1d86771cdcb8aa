package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer moved to another lifecycle stage.
 *
 * @param id the event id
 * @param tenantId the tenant
 * @param occurredAt when it happened
 * @param customerId the customer
 * @param version the customer's version after the change
 * @param from the stage before
 * @param to the stage after
 * @since 0.1
 */
public record CustomerStageChanged(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        CustomerId customerId,
        long version,
        LifecycleStage from,
        LifecycleStage to)
        implements CustomerEvent {
    /** The stable type name. */
    public static final String TYPE = "customer.stage-changed";

    /** Checks presence. */
    public CustomerStageChanged {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
