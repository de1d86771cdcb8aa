package dev.rapport.crm.spi;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which cases a queue view holds: every condition given must hold.
 *
 * @param team only cases in this team, if given
 * @param assignee only cases assigned to this agent, if given
 * @param unassignedOnly only cases without an assignee
 * @param statuses only cases in one of these statuses (never empty)
 * @param priorities only cases of one of these priorities; empty for any
 * @since 0.3
 */
public record CaseFilter(
        @Nullable TeamId team,
        @Nullable AgentId assignee,
        boolean unassignedOnly,
        Set<CaseStatus> statuses,
        Set<CasePriority> priorities) {
    /** Checks presence and copies the sets. */
    public CaseFilter {
        Objects.requireNonNull(statuses, "statuses");
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("a filter needs at least one status");
        }
        if (assignee != null && unassignedOnly) {
            throw new IllegalArgumentException("a filter cannot ask for an assignee and for none");
        }
        statuses = Collections.unmodifiableSet(EnumSet.copyOf(statuses));
        priorities = priorities.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(priorities));
    }
}
