package dev.rapport.crm.model.event;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Direction;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An interaction was recorded.
 *
 * @param id the event id
 * @param tenantId the tenant
 * @param occurredAt when it was recorded (the engine's clock)
 * @param interactionId the interaction
 * @param customerId its customer, or null if it was parked as unmatched
 * @param channel its channel
 * @param direction its direction
 * @since 0.2
 */
public record InteractionRecorded(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        InteractionId interactionId,
        @Nullable CustomerId customerId,
        Channel channel,
        Direction direction)
        implements CrmEvent {
    /** The stable type name. */
    public static final String TYPE = "interaction.recorded";

    /** Checks presence. */
    public InteractionRecorded {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
