package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.cases.CaseChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A case changed: the history entries one command wrote. A status change also emits {@link
 * CaseStatusChanged}, so a listener waiting for solved cases need not read the changes.
 *
 * @param id the event's id
 * @param tenantId the tenant
 * @param occurredAt when
 * @param caseId the case
 * @param customerId its customer
 * @param version the case's version after the change
 * @param changes what changed, as written to the case's history
 * @since 0.3
 */
public record CaseChanged(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        CaseId caseId,
        CustomerId customerId,
        long version,
        List<CaseChange> changes)
        implements CaseEvent {
    /** The stable type name. */
    public static final String TYPE = "case.changed";

    /** Checks presence and copies the list. */
    public CaseChanged {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(customerId, "customerId");
        changes = List.copyOf(changes);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
