package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A parked unmatched interaction was linked to a customer.
 *
 * @param id the event id
 * @param tenantId the tenant
 * @param occurredAt when it was recorded (the engine's clock)
 * @param interactionId the interaction
 * @param customerId the customer it now belongs to
 * @since 0.2
 */
public record InteractionLinked(
        EventId id, TenantId tenantId, Instant occurredAt, InteractionId interactionId, CustomerId customerId)
        implements CrmEvent {
    /** The stable type name. */
    public static final String TYPE = "interaction.linked";

    /** Checks presence. */
    public InteractionLinked {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(customerId, "customerId");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
