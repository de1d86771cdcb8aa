package dev.rapport.crm.cases;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A queue view of cases: open cases by team, assignee, status and priority, soonest due first
 * (cases without a running service-level clock last), then most urgent, then oldest. Keyset-paged
 * with an opaque cursor. Build one with {@link #open()}:
 *
 * <pre>{@code
 * crm.cases().list(CaseQuery.open().team(support.id()).unassigned().limit(25));
 * crm.cases().count(CaseQuery.open().assignee(grace.id()));
 * }</pre>
 *
 * @since 0.3
 */
public final class CaseQuery {
    private @Nullable TeamId team;
    private @Nullable AgentId assignee;
    private boolean unassigned;
    private Set<CaseStatus> statuses =
            EnumSet.of(CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.ON_HOLD);
    private Set<CasePriority> priorities = EnumSet.noneOf(CasePriority.class);
    private int limit = 50;
    private @Nullable String cursor;

    private CaseQuery() {}

    /** @return a query of every active case (new, open, pending, on hold), 50 per page */
    public static CaseQuery open() {
        return new CaseQuery();
    }

    /**
     * @param id only cases in this team
     * @return this query
     */
    public CaseQuery team(TeamId id) {
        this.team = Objects.requireNonNull(id, "team");
        return this;
    }

    /**
     * @param id only cases assigned to this agent
     * @return this query
     */
    public CaseQuery assignee(AgentId id) {
        this.assignee = Objects.requireNonNull(id, "assignee");
        return this;
    }

    /** @return this query, limited to cases without an assignee */
    public CaseQuery unassigned() {
        this.unassigned = true;
        return this;
    }

    /**
     * @param among only cases in one of these statuses (replaces the default active ones)
     * @return this query
     */
    public CaseQuery statuses(CaseStatus... among) {
        this.statuses = EnumSet.noneOf(CaseStatus.class);
        for (CaseStatus s : among) {
            statuses.add(Objects.requireNonNull(s, "status"));
        }
        return this;
    }

    /**
     * @param among only cases of one of these priorities
     * @return this query
     */
    public CaseQuery priorities(CasePriority... among) {
        for (CasePriority p : among) {
            priorities.add(Objects.requireNonNull(p, "priority"));
        }
        return this;
    }

    /**
     * @param most 1 to 1,000 cases per page
     * @return this query
     */
    public CaseQuery limit(int most) {
        this.limit = most;
        return this;
    }

    /**
     * @param next the cursor of the previous page, or null for the first
     * @return this query
     */
    public CaseQuery after(@Nullable String next) {
        this.cursor = next;
        return this;
    }

    /** @return the team, if the query names one */
    public @Nullable TeamId team() {
        return team;
    }

    /** @return the assignee, if the query names one */
    public @Nullable AgentId assignee() {
        return assignee;
    }

    /** @return whether only unassigned cases are wanted */
    public boolean isUnassigned() {
        return unassigned;
    }

    /** @return the statuses */
    public Set<CaseStatus> statuses() {
        return EnumSet.copyOf(statuses.isEmpty() ? EnumSet.noneOf(CaseStatus.class) : statuses);
    }

    /** @return the priorities; empty for any */
    public Set<CasePriority> priorities() {
        return priorities.isEmpty() ? Set.of() : EnumSet.copyOf(priorities);
    }

    /** @return the page size */
    public int limit() {
        return limit;
    }

    /** @return the cursor, if any */
    public @Nullable String cursor() {
        return cursor;
    }
}
