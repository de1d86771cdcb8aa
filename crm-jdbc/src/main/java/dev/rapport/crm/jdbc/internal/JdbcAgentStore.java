package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.StorageException;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Team;
import dev.rapport.crm.spi.AgentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Agents in {@code agents} and teams in {@code teams} (each whole as JSON in {@code payload},
 * guarded by {@code version}), members of each team in {@code agent_teams}.
 */
final class JdbcAgentStore implements AgentStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAgentStore.class);

    private final JdbcSession session;
    private final Dialect dialect;

    JdbcAgentStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
    }

    private static <T> JdbcSession.RowMapper<T> reader(Class<T> type, String what) {
        return rows -> {
            String payload = rows.getString("payload");
            try {
                return CrmJson.mapper().readValue(payload, type);
            } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
                throw new StorageException("stored " + what + " " + rows.getString("id") + " cannot be read", e);
            }
        };
    }

    private static final JdbcSession.RowMapper<Agent> AGENT = reader(Agent.class, "agent");
    private static final JdbcSession.RowMapper<Team> TEAM = reader(Team.class, "team");

    @Override
    public Optional<Agent> get(AgentId id) {
        Objects.requireNonNull(id, "id");
        Sql sql = session.tenantSql("SELECT a.id, a.payload FROM agents a WHERE a.tenant_id = ?")
                .append(" AND a.id = ?")
                .bind(session.uuid(id.value()));
        return session.queryOne(sql, "reading agent " + id, AGENT);
    }

    @Override
    public void insert(Agent agent) {
        Objects.requireNonNull(agent, "agent");
        session.checkWritable();
        if (agent.version() != 1) {
            throw new IllegalArgumentException("a new agent has version 1");
        }
        insertRow("agents", agent.id().value(), CrmJson.write(agent), "inserting agent " + agent.id());
        memberships(agent.id(), Set.of(), agent.teams());
        LOG.debug("Inserted agent {} in tenant {}", agent.id(), session.tenant());
    }

    @Override
    public void update(Agent before, Agent after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        session.checkWritable();
        check(before.id().equals(after.id()), after.version() == before.version() + 1);
        updateRow("agents", "agent", before.id(), before.id().value(), before.version(), CrmJson.write(after));
        if (!before.teams().equals(after.teams())) {
            memberships(after.id(), before.teams(), after.teams());
        }
    }

    private static void check(boolean sameId, boolean nextVersion) {
        if (!sameId || !nextVersion) {
            throw new IllegalArgumentException("an update keeps the id and raises the version by one");
        }
    }

    private void insertRow(String table, UUID id, String payload, String what) {
        Sql insert = session.tenantSql("INSERT INTO " + table + " (tenant_id, id, version, payload) VALUES (?")
                .append(", ?, 1, " + dialect.jsonParameter() + ")")
                .bind(session.uuid(id))
                .bindString(payload);
        session.update(insert, what);
    }

    private void updateRow(String table, String what, Object id, UUID uuid, long version, String payload) {
        Sql update = new Sql()
                .append("UPDATE " + table + " SET version = ?, payload = " + dialect.jsonParameter())
                .bind((ps, i) -> ps.setLong(i, version + 1))
                .bindString(payload)
                .append(" WHERE tenant_id = ?")
                .bind(session.tenantBinder())
                .append(" AND id = ? AND version = ?")
                .bind(session.uuid(uuid))
                .bind((ps, i) -> ps.setLong(i, version));
        int rows = session.update(update, "updating " + what + " " + id);
        JdbcInteractionStore.checkGuardedWrite(session, table, what, id, uuid, rows, version);
    }

    private void memberships(AgentId agent, Set<TeamId> before, Set<TeamId> after) {
        UUID tenant = session.tenant().value();
        List<TeamId> left = new ArrayList<>(before);
        left.removeAll(after);
        List<TeamId> joined = new ArrayList<>(after);
        joined.removeAll(before);
        session.batch(
                "DELETE FROM agent_teams WHERE tenant_id = ? AND team_id = ? AND agent_id = ?",
                left,
                "removing agent " + agent + " from teams",
                (ps, t) -> {
                    dialect.setUuid(ps, 1, tenant);
                    dialect.setUuid(ps, 2, t.value());
                    dialect.setUuid(ps, 3, agent.value());
                });
        session.batch(
                "INSERT INTO agent_teams (tenant_id, team_id, agent_id) VALUES (?, ?, ?)",
                joined,
                "adding agent " + agent + " to teams",
                (ps, t) -> {
                    dialect.setUuid(ps, 1, tenant);
                    dialect.setUuid(ps, 2, t.value());
                    dialect.setUuid(ps, 3, agent.value());
                });
    }

    @Override
    public List<Agent> members(TeamId team) {
        Objects.requireNonNull(team, "team");
        Sql sql = session.tenantSql("SELECT a.id, a.payload FROM agent_teams m JOIN agents a"
                        + " ON a.tenant_id = m.tenant_id AND a.id = m.agent_id WHERE m.tenant_id = ?")
                .append(" AND m.team_id = ? ORDER BY a.id")
                .bind(session.uuid(team.value()));
        return session.query(sql, "reading the members of team " + team, AGENT);
    }

    @Override
    public Optional<Team> getTeam(TeamId id) {
        Objects.requireNonNull(id, "id");
        Sql sql = session.tenantSql("SELECT t.id, t.payload FROM teams t WHERE t.tenant_id = ?")
                .append(" AND t.id = ?")
                .bind(session.uuid(id.value()));
        return session.queryOne(sql, "reading team " + id, TEAM);
    }

    @Override
    public void insertTeam(Team team) {
        Objects.requireNonNull(team, "team");
        session.checkWritable();
        if (team.version() != 1) {
            throw new IllegalArgumentException("a new team has version 1");
        }
        insertRow("teams", team.id().value(), CrmJson.write(team), "inserting team " + team.id());
        LOG.debug("Inserted team {} in tenant {}", team.id(), session.tenant());
    }

    @Override
    public void updateTeam(Team before, Team after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        session.checkWritable();
        check(before.id().equals(after.id()), after.version() == before.version() + 1);
        updateRow("teams", "team", before.id(), before.id().value(), before.version(), CrmJson.write(after));
    }
}
