package dev.rapport.crm.model.event;

import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import java.time.Instant;

/**
 * A domain event: something that happened, recorded in the same transaction as the change that
 * caused it. Listeners see it after commit; relays read it from the event log.
 *
 * <p>Every event has a stable {@link #type()} name, used as the JSON type discriminator and never
 * derived from a Java class name.
 *
 * @since 0.1
 */
public sealed interface CrmEvent
        permits CustomerEvent, CaseEvent, InteractionRecorded, InteractionLinked, OrderRecorded, OrderReversed {
    /** @return the event's id, stable across redelivery */
    EventId id();

    /** @return the tenant it belongs to */
    TenantId tenantId();

    /** @return when it happened (the engine's clock) */
    Instant occurredAt();

    /** @return the stable type name, such as {@code customer.created} */
    String type();
}
