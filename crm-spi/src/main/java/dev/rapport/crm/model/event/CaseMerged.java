package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A duplicate case was merged into a surviving one and closed.
 *
 * @param id the event's id
 * @param tenantId the tenant
 * @param occurredAt when
 * @param caseId the duplicate
 * @param customerId its customer
 * @param version the duplicate's version after the merge
 * @param survivor the case it was merged into
 * @since 0.3
 */
public record CaseMerged(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        CaseId caseId,
        CustomerId customerId,
        long version,
        CaseId survivor)
        implements CaseEvent {
    /** The stable type name. */
    public static final String TYPE = "case.merged";

    /** Checks presence. */
    public CaseMerged {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(survivor, "survivor");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
