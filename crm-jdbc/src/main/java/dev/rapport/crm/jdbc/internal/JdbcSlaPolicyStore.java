package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.StorageException;
import dev.rapport.crm.model.cases.SlaPolicy;
import dev.rapport.crm.spi.SlaPolicyStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/** Service-level policies in {@code sla_policies}, each whole as JSON beside its version and rank. */
final class JdbcSlaPolicyStore implements SlaPolicyStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSlaPolicyStore.class);

    private static final JdbcSession.RowMapper<SlaPolicy> READ = rows -> {
        String payload = rows.getString("payload");
        try {
            return CrmJson.mapper().readValue(payload, SlaPolicy.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new StorageException("stored SLA policy " + rows.getString("id") + " cannot be read", e);
        }
    };

    private final JdbcSession session;
    private final Dialect dialect;

    JdbcSlaPolicyStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
    }

    @Override
    public List<SlaPolicy> list() {
        Sql sql = session.tenantSql("SELECT p.id, p.payload FROM sla_policies p WHERE p.tenant_id = ?")
                .append(" ORDER BY p.policy_rank, p.id");
        return session.query(sql, "reading the SLA policies", READ);
    }

    @Override
    public Optional<SlaPolicy> get(SlaPolicyId id) {
        Objects.requireNonNull(id, "id");
        Sql sql = session.tenantSql("SELECT p.id, p.payload FROM sla_policies p WHERE p.tenant_id = ?")
                .append(" AND p.id = ?")
                .bind(session.uuid(id.value()));
        return session.queryOne(sql, "reading SLA policy " + id, READ);
    }

    @Override
    public void insert(SlaPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        session.checkWritable();
        if (policy.version() != 1) {
            throw new IllegalArgumentException("a new policy has version 1");
        }
        Sql insert = session.tenantSql(
                        "INSERT INTO sla_policies (tenant_id, id, version, policy_rank, payload) VALUES (?")
                .append(", ?, 1, ?, " + dialect.jsonParameter() + ")")
                .bind(session.uuid(policy.id().value()))
                .bind((ps, i) -> ps.setInt(i, policy.rank()))
                .bindString(CrmJson.write(policy));
        session.update(insert, "inserting SLA policy " + policy.id());
        LOG.debug("Inserted SLA policy {} in tenant {}", policy.id(), session.tenant());
    }

    @Override
    public void update(SlaPolicy before, SlaPolicy after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        session.checkWritable();
        if (!before.id().equals(after.id()) || after.version() != before.version() + 1) {
            throw new IllegalArgumentException("an update keeps the id and raises the version by one");
        }
        Sql update = new Sql()
                .append("UPDATE sla_policies SET version = ?, policy_rank = ?, payload = " + dialect.jsonParameter())
                .bind((ps, i) -> ps.setLong(i, after.version()))
                .bind((ps, i) -> ps.setInt(i, after.rank()))
                .bindString(CrmJson.write(after))
                .append(" WHERE tenant_id = ?")
                .bind(session.tenantBinder())
                .append(" AND id = ? AND version = ?")
                .bind(session.uuid(before.id().value()))
                .bind((ps, i) -> ps.setLong(i, before.version()));
        int rows = session.update(update, "updating SLA policy " + before.id());
        JdbcInteractionStore.checkGuardedWrite(
                session, "sla_policies", "SLA policy", before.id(), before.id().value(), rows, before.version());
    }
}
