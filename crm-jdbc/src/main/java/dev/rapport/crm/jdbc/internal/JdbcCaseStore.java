package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.StorageException;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseChange;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.spi.CaseFilter;
import dev.rapport.crm.spi.CaseQueueKey;
import dev.rapport.crm.spi.CaseStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Cases in {@code cases} (the case as JSON in {@code payload}, beside it the columns queried),
 * their lookups in {@code case_interactions} (primary key per interaction: one case holds each)
 * and {@code case_threads}, and their history in {@code case_history}.
 */
final class JdbcCaseStore implements CaseStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCaseStore.class);
    private static final String COLUMNS = "c.id, c.payload";

    private final JdbcSession session;
    private final Dialect dialect;

    JdbcCaseStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
    }

    private static Case read(ResultSet rows) throws SQLException {
        String payload = rows.getString("payload");
        try {
            return CrmJson.mapper().readValue(payload, Case.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new StorageException("stored case " + rows.getString("id") + " cannot be read", e);
        }
    }

    private static CaseChange readChange(ResultSet rows) throws SQLException {
        String payload = rows.getString("payload");
        try {
            return CrmJson.mapper().readValue(payload, CaseChange.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new StorageException("stored history of case " + rows.getString("case_id") + " cannot be read", e);
        }
    }

    @Override
    public Optional<Case> get(CaseId id) {
        Objects.requireNonNull(id, "id");
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM cases c WHERE c.tenant_id = ?")
                .append(" AND c.id = ?")
                .bind(session.uuid(id.value()));
        return session.queryOne(sql, "reading case " + id, JdbcCaseStore::read);
    }

    @Override
    public void insert(Case value) {
        Objects.requireNonNull(value, "value");
        session.checkWritable();
        if (value.version() != 1) {
            throw new IllegalArgumentException("a new case has version 1, " + value.id() + " has " + value.version());
        }
        Sql insert = session.tenantSql("INSERT INTO cases (tenant_id, id, version, customer_id, status, priority,"
                        + " priority_rank, team_id, assignee_id, sla_policy_id, next_due_at, queue_due, urgency, created_at, updated_at,"
                        + " payload) VALUES (?")
                .append(", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ")")
                .bind(session.uuid(value.id().value()))
                .bind((ps, i) -> ps.setLong(i, value.version()))
                .bind(session.uuid(value.customerId().value()))
                .bindString(value.status().name())
                .bindString(value.priority().name())
                .bind((ps, i) -> ps.setInt(i, value.priority().ordinal()))
                .bind(session.nullableUuid(
                        value.team() == null ? null : value.team().value()))
                .bind(session.nullableUuid(
                        value.assignee() == null ? null : value.assignee().value()))
                .bind(session.nullableUuid(
                        value.slaPolicy() == null ? null : value.slaPolicy().value()))
                .bind(nullableInstant(value.nextDueAt().orElse(null)))
                .bind(session.instant(CaseQueueKey.of(value).due()))
                .bind((ps, i) -> ps.setInt(i, CaseQueueKey.urgency(value.priority())))
                .bind(session.instant(value.createdAt()))
                .bind(session.instant(value.updatedAt()))
                .bindString(CrmJson.write(value));
        guarded("inserting case " + value.id(), () -> {
            session.update(insert, "inserting case " + value.id());
            insertInteractions(value.id(), List.copyOf(value.interactions()));
        });
        links(value.id(), Set.of(), Set.of(), Set.of(), value.threads());
        LOG.debug("Inserted case {} in tenant {}", value.id(), session.tenant());
    }

    @Override
    public void update(Case before, Case after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        session.checkWritable();
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("update cannot change the id of case " + before.id());
        }
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("the version of case " + before.id() + " must go up by one");
        }
        CaseId id = after.id();
        Sql update = new Sql()
                .append("UPDATE cases SET version = ?, status = ?, priority = ?, priority_rank = ?, team_id = ?,"
                        + " assignee_id = ?, sla_policy_id = ?, next_due_at = ?, queue_due = ?, urgency = ?, updated_at = ?,"
                        + " payload = "
                        + dialect.jsonParameter())
                .bind((ps, i) -> ps.setLong(i, after.version()))
                .bindString(after.status().name())
                .bindString(after.priority().name())
                .bind((ps, i) -> ps.setInt(i, after.priority().ordinal()))
                .bind(session.nullableUuid(
                        after.team() == null ? null : after.team().value()))
                .bind(session.nullableUuid(
                        after.assignee() == null ? null : after.assignee().value()))
                .bind(session.nullableUuid(
                        after.slaPolicy() == null ? null : after.slaPolicy().value()))
                .bind(nullableInstant(after.nextDueAt().orElse(null)))
                .bind(session.instant(CaseQueueKey.of(after).due()))
                .bind((ps, i) -> ps.setInt(i, CaseQueueKey.urgency(after.priority())))
                .bind(session.instant(after.updatedAt()))
                .bindString(CrmJson.write(after))
                .append(" WHERE tenant_id = ?")
                .bind(session.tenantBinder())
                .append(" AND id = ? AND version = ?")
                .bind(session.uuid(id.value()))
                .bind((ps, i) -> ps.setLong(i, before.version()));
        int rows = session.update(update, "updating case " + id);
        JdbcInteractionStore.checkGuardedWrite(session, "cases", "case", id, id.value(), rows, before.version());
        links(
                id,
                Set.copyOf(before.interactions()),
                Set.copyOf(after.interactions()),
                before.threads(),
                after.threads());
        LOG.debug("Updated case {} to version {} in tenant {}", id, after.version(), session.tenant());
    }

    /** Brings the lookup rows from the case's old links to its new ones. */
    private void links(
            CaseId id,
            Set<InteractionId> oldInteractions,
            Set<InteractionId> newInteractions,
            Set<String> oldThreads,
            Set<String> newThreads) {
        UUID tenant = session.tenant().value();
        List<InteractionId> gone = new ArrayList<>(oldInteractions);
        gone.removeAll(newInteractions);
        List<InteractionId> added = new ArrayList<>(newInteractions);
        added.removeAll(oldInteractions);
        session.batch(
                "DELETE FROM case_interactions WHERE tenant_id = ? AND interaction_id = ? AND case_id = ?",
                gone,
                "unlinking interactions of case " + id,
                (ps, i) -> {
                    dialect.setUuid(ps, 1, tenant);
                    dialect.setUuid(ps, 2, i.value());
                    dialect.setUuid(ps, 3, id.value());
                });
        if (!added.isEmpty()) {
            guarded("linking interactions to case " + id, () -> insertInteractions(id, added));
        }
        List<String> left = new ArrayList<>(oldThreads);
        left.removeAll(newThreads);
        Set<String> joined = new LinkedHashSet<>(newThreads);
        joined.removeAll(oldThreads);
        session.batch(
                "DELETE FROM case_threads WHERE tenant_id = ? AND thread_id = ? AND case_id = ?",
                left,
                "removing threads of case " + id,
                (ps, t) -> {
                    dialect.setUuid(ps, 1, tenant);
                    ps.setString(2, t);
                    dialect.setUuid(ps, 3, id.value());
                });
        session.batch(
                "INSERT INTO case_threads (tenant_id, thread_id, case_id) VALUES (?, ?, ?)",
                List.copyOf(joined),
                "adding threads to case " + id,
                (ps, t) -> {
                    dialect.setUuid(ps, 1, tenant);
                    ps.setString(2, t);
                    dialect.setUuid(ps, 3, id.value());
                });
    }

    private void insertInteractions(CaseId id, List<InteractionId> added) {
        UUID tenant = session.tenant().value();
        session.batch(
                "INSERT INTO case_interactions (tenant_id, interaction_id, case_id) VALUES (?, ?, ?)",
                added,
                "linking interactions to case " + id,
                (ps, i) -> {
                    dialect.setUuid(ps, 1, tenant);
                    dialect.setUuid(ps, 2, i.value());
                    dialect.setUuid(ps, 3, id.value());
                });
    }

    /**
     * Runs a write that a unique key guards; a violation (a case id taken, or an interaction
     * another transaction linked meanwhile) becomes a {@link ConflictException}. Under a savepoint,
     * so that PostgreSQL's transaction stays usable for the rollback that follows.
     */
    private void guarded(String what, Runnable write) {
        Savepoint savepoint = session.savepoint(what);
        try {
            write.run();
            session.release(savepoint, what);
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException cause && session.isUniqueViolation(cause)) {
                session.rollbackTo(savepoint, what);
                throw new ConflictException(what + ": an interaction is linked to another case, or the case exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<Case> findByInteraction(InteractionId interaction) {
        Objects.requireNonNull(interaction, "interaction");
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM case_interactions ci JOIN cases c"
                        + " ON c.tenant_id = ci.tenant_id AND c.id = ci.case_id WHERE ci.tenant_id = ?")
                .append(" AND ci.interaction_id = ?")
                .bind(session.uuid(interaction.value()));
        return session.queryOne(sql, "finding the case of interaction " + interaction, JdbcCaseStore::read);
    }

    @Override
    public List<Case> findByThread(String threadId) {
        Objects.requireNonNull(threadId, "threadId");
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM case_threads ct JOIN cases c"
                        + " ON c.tenant_id = ct.tenant_id AND c.id = ct.case_id WHERE ct.tenant_id = ?")
                .append(" AND ct.thread_id = ? ORDER BY c.created_at DESC, c.id DESC")
                .bindString(threadId);
        return session.query(sql, "finding the cases of a thread", JdbcCaseStore::read);
    }

    @Override
    public List<Case> findActiveByThread(String threadId) {
        Objects.requireNonNull(threadId, "threadId");
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM case_threads ct JOIN cases c"
                        + " ON c.tenant_id = ct.tenant_id AND c.id = ct.case_id WHERE ct.tenant_id = ?")
                .append(" AND ct.thread_id = ? AND c.status <> ? AND c.status <> ?")
                .bindString(threadId)
                .bindString(CaseStatus.SOLVED.name())
                .bindString(CaseStatus.CLOSED.name())
                .append(" ORDER BY c.created_at DESC, c.id DESC");
        return session.query(sql, "finding the active cases of a thread", JdbcCaseStore::read);
    }

    @Override
    public void appendHistory(List<CaseChange> changes) {
        Objects.requireNonNull(changes, "changes");
        session.checkWritable();
        UUID tenant = session.tenant().value();
        session.batch(
                "INSERT INTO case_history (tenant_id, case_id, version, idx, changed_at, payload) VALUES (?, ?, ?, ?, ?, "
                        + dialect.jsonParameter() + ")",
                changes,
                "appending case history",
                (ps, c) -> {
                    dialect.setUuid(ps, 1, tenant);
                    dialect.setUuid(ps, 2, c.caseId().value());
                    ps.setLong(3, c.version());
                    ps.setInt(4, c.index());
                    dialect.setInstant(ps, 5, c.at());
                    ps.setString(6, CrmJson.write(c));
                });
    }

    @Override
    public List<CaseChange> history(CaseId id, long afterVersion, int afterIndex, int limit) {
        Objects.requireNonNull(id, "id");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Sql sql = session.tenantSql("SELECT h.case_id, h.payload FROM case_history h WHERE h.tenant_id = ?")
                .append(" AND h.case_id = ? AND (h.version > ? OR (h.version = ? AND h.idx > ?))")
                .bind(session.uuid(id.value()))
                .bind((ps, i) -> ps.setLong(i, afterVersion))
                .bind((ps, i) -> ps.setLong(i, afterVersion))
                .bind((ps, i) -> ps.setInt(i, afterIndex))
                .append(" ORDER BY h.version, h.idx LIMIT ?")
                .bind((ps, i) -> ps.setInt(i, limit));
        return session.query(sql, "reading the history of case " + id, JdbcCaseStore::readChange);
    }

    @Override
    public List<Case> waiting(TeamId team, int limit) {
        Objects.requireNonNull(team, "team");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM cases c WHERE c.tenant_id = ?")
                .append(" AND c.team_id = ? AND c.assignee_id IS NULL AND c.status <> ? AND c.status <> ?")
                .bind(session.uuid(team.value()))
                .bindString(CaseStatus.SOLVED.name())
                .bindString(CaseStatus.CLOSED.name())
                .append(" ORDER BY CASE WHEN c.next_due_at IS NULL THEN 1 ELSE 0 END, c.next_due_at,"
                        + " c.priority_rank DESC, c.created_at, c.id LIMIT ?")
                .bind((ps, i) -> ps.setInt(i, limit));
        return session.query(sql, "reading the queue of team " + team, JdbcCaseStore::read);
    }

    private Sql.Binder nullableInstant(java.time.@org.jspecify.annotations.Nullable Instant at) {
        return at == null ? (ps, i) -> ps.setNull(i, java.sql.Types.TIMESTAMP) : session.instant(at);
    }

    private Sql filtered(CaseFilter f) {
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM cases c WHERE c.tenant_id = ?");
        return where(sql, f);
    }

    private Sql where(Sql sql, CaseFilter f) {
        if (f.team() != null) {
            sql.append(" AND c.team_id = ?").bind(session.uuid(f.team().value()));
        }
        if (f.assignee() != null) {
            sql.append(" AND c.assignee_id = ?").bind(session.uuid(f.assignee().value()));
        }
        if (f.unassignedOnly()) {
            sql.append(" AND c.assignee_id IS NULL");
        }
        JdbcSession.appendInList(
                sql.append(" AND c.status IN "),
                List.copyOf(f.statuses()),
                st -> (ps, i) -> ps.setString(i, st.name()));
        if (!f.priorities().isEmpty()) {
            JdbcSession.appendInList(
                    sql.append(" AND c.priority IN "),
                    List.copyOf(f.priorities()),
                    p -> (ps, i) -> ps.setString(i, p.name()));
        }
        return sql;
    }

    @Override
    public List<Case> queue(CaseFilter filter, @org.jspecify.annotations.Nullable CaseQueueKey after, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Sql sql = filtered(filter);
        if (after != null) {
            // (queue_due, urgency, created_at, id) > (?, ?, ?, ?), spelled out for every dialect.
            sql.append(" AND (c.queue_due > ? OR (c.queue_due = ? AND (c.urgency > ? OR (c.urgency = ? AND"
                            + " (c.created_at > ? OR (c.created_at = ? AND c.id > ?))))))")
                    .bind(session.instant(after.due()))
                    .bind(session.instant(after.due()))
                    .bind((ps, i) -> ps.setInt(i, after.urgency()))
                    .bind((ps, i) -> ps.setInt(i, after.urgency()))
                    .bind(session.instant(after.createdAt()))
                    .bind(session.instant(after.createdAt()))
                    .bind(session.uuid(after.id().value()));
        }
        sql.append(" ORDER BY c.queue_due, c.urgency, c.created_at, c.id LIMIT ?")
                .bind((ps, i) -> ps.setInt(i, limit));
        return session.query(sql, "reading a case queue", JdbcCaseStore::read);
    }

    @Override
    public long count(CaseFilter filter) {
        Objects.requireNonNull(filter, "filter");
        Sql sql = where(session.tenantSql("SELECT COUNT(*) FROM cases c WHERE c.tenant_id = ?"), filter);
        return session.count(sql, "counting a case queue");
    }

    @Override
    public List<Case> activeWithPolicy(SlaPolicyId policy, @org.jspecify.annotations.Nullable CaseId after, int limit) {
        Objects.requireNonNull(policy, "policy");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM cases c WHERE c.tenant_id = ?")
                .append(" AND c.sla_policy_id = ? AND c.status <> ? AND c.status <> ?")
                .bind(session.uuid(policy.value()))
                .bindString(CaseStatus.SOLVED.name())
                .bindString(CaseStatus.CLOSED.name());
        if (after != null) {
            sql.append(" AND c.id > ?").bind(session.uuid(after.value()));
        }
        sql.append(" ORDER BY c.id LIMIT ?").bind((ps, i) -> ps.setInt(i, limit));
        return session.query(sql, "reading the active cases of SLA policy " + policy, JdbcCaseStore::read);
    }

    @Override
    public List<Case> deleteCustomerCases(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        session.checkWritable();
        List<Case> cases = session.query(
                session.tenantSql("SELECT " + COLUMNS + " FROM cases c WHERE c.tenant_id = ?")
                        .append(" AND c.customer_id = ?")
                        .bind(session.uuid(customer.value())),
                "reading the cases of customer " + customer,
                JdbcCaseStore::read);
        if (cases.isEmpty()) {
            return cases;
        }
        for (String table : List.of("case_history", "case_interactions", "case_threads")) {
            Sql sql = session.tenantSql("DELETE FROM " + table + " WHERE tenant_id = ?")
                    .append(" AND case_id IN (SELECT c.id FROM cases c WHERE c.tenant_id = ?")
                    .bind(session.tenantBinder())
                    .append(" AND c.customer_id = ?)")
                    .bind(session.uuid(customer.value()));
            session.update(sql, "deleting case rows of customer " + customer);
        }
        int deleted = session.update(
                session.tenantSql("DELETE FROM cases WHERE tenant_id = ?")
                        .append(" AND customer_id = ?")
                        .bind(session.uuid(customer.value())),
                "deleting the cases of customer " + customer);
        LOG.debug("Deleted {} cases of customer {} in tenant {}", deleted, customer, session.tenant());
        return cases;
    }
}
