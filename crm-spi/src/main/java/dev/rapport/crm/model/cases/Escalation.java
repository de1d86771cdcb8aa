package dev.rapport.crm.model.cases;

import dev.rapport.crm.model.TeamId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a service-level policy does to a case when one of its clocks becomes at risk or is
 * breached. Every action given is applied, in this order: raise the priority (never lowers it),
 * add a tag, route the case to a team (taking it from its assignee).
 *
 * @param trigger when it applies
 * @param metric the clock it watches, or null for any of the policy's clocks
 * @param raiseTo the priority to raise the case to, if lower
 * @param addTag a tag to add
 * @param routeTo a team to route the case to by the team's policy
 * @since 0.3
 */
public record Escalation(
        Trigger trigger,
        @Nullable SlaMetric metric,
        @Nullable CasePriority raiseTo,
        @Nullable String addTag,
        @Nullable TeamId routeTo) {

    /** When an escalation applies. */
    public enum Trigger {
        /** The clock has used the tenant's at-risk fraction of its target. */
        AT_RISK,
        /** The clock reached its due time. */
        BREACH
    }

    /** Checks presence. */
    public Escalation {
        Objects.requireNonNull(trigger, "trigger");
    }
}
