package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.cases.CasePriority;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A case was opened.
 *
 * @param id the event's id
 * @param tenantId the tenant
 * @param occurredAt when
 * @param caseId the case
 * @param customerId its customer
 * @param version always 1
 * @param priority its priority
 * @param relatedTo the earlier case it follows up, if it is a follow-up
 * @since 0.3
 */
public record CaseOpened(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        CaseId caseId,
        CustomerId customerId,
        long version,
        CasePriority priority,
        @Nullable CaseId relatedTo)
        implements CaseEvent {
    /** The stable type name. */
    public static final String TYPE = "case.opened";

    /** Checks presence. */
    public CaseOpened {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(priority, "priority");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
