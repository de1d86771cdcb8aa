package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A case has been pending (waiting on the customer) for the tenant's reminder time: the moment to
 * nudge the customer. Emitted once per pending period, by the engine's due work; sending the
 * message is the application's.
 *
 * @param id the event's id
 * @param tenantId the tenant
 * @param occurredAt when
 * @param caseId the case
 * @param customerId its customer
 * @param version the case's version after the change
 * @param pendingSince when the case became pending
 * @since 0.3
 */
public record CaseReminderDue(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        CaseId caseId,
        CustomerId customerId,
        long version,
        Instant pendingSince)
        implements CaseEvent {
    /** The stable type name. */
    public static final String TYPE = "case.reminder-due";

    /** Checks presence. */
    public CaseReminderDue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(pendingSince, "pendingSince");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
