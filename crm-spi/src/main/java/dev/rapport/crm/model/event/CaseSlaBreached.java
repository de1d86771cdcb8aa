package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.cases.SlaMetric;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A service-level clock of a case reached its due time and still runs. Emitted once per clock, by the engine's due work; what the policy's escalations did is
 * listed, so a notifier needs nothing else.
 *
 * @param id the event's id
 * @param tenantId the tenant
 * @param occurredAt when
 * @param caseId the case
 * @param customerId its customer
 * @param version the case's version after the change
 * @param metric the clock's metric
 * @param dueAt when the clock is due
 * @param escalations what the policy's escalation rules changed, as history field names ({@code
 *     priority}, {@code tags}, {@code team}), in the order applied
 * @since 0.3
 */
public record CaseSlaBreached(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        CaseId caseId,
        CustomerId customerId,
        long version,
        SlaMetric metric,
        Instant dueAt,
        List<String> escalations)
        implements CaseEvent {
    /** The stable type name. */
    public static final String TYPE = "case.sla-breached";

    /** Checks presence and copies the list. */
    public CaseSlaBreached {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(dueAt, "dueAt");
        escalations = List.copyOf(escalations);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
