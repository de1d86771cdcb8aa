package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.cases.CaseStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A case moved from one status to another.
 *
 * @param id the event's id
 * @param tenantId the tenant
 * @param occurredAt when
 * @param caseId the case
 * @param customerId its customer
 * @param version the case's version after the change
 * @param from the status before
 * @param to the status after
 * @since 0.3
 */
public record CaseStatusChanged(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        CaseId caseId,
        CustomerId customerId,
        long version,
        CaseStatus from,
        CaseStatus to)
        implements CaseEvent {
    /** The stable type name. */
    public static final String TYPE = "case.status-changed";

    /** Checks presence. */
    public CaseStatusChanged {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
