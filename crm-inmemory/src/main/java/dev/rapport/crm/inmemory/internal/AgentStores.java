package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Team;
import dev.rapport.crm.spi.AgentStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agent store of one session: committed agents and teams with a write session's own writes
 * laid over them. Listing a team's members scans the tenant's agents, which is fine at the size
 * of a service desk.
 */
final class AgentStores implements AgentStore {
    private final Session session;
    private final TenantState state;
    private final @Nullable WriteSet writes;

    AgentStores(Session session, TenantState state, @Nullable WriteSet writes) {
        this.session = session;
        this.state = state;
        this.writes = writes;
    }

    private @Nullable Agent current(AgentId id) {
        if (writes != null && writes.agents != null && writes.agents.containsKey(id)) {
            return writes.agents.get(id);
        }
        return state.readConsistent(() -> state.cases.agents.get(id));
    }

    private @Nullable Team currentTeam(TeamId id) {
        if (writes != null && writes.teams != null && writes.teams.containsKey(id)) {
            return writes.teams.get(id);
        }
        return state.readConsistent(() -> state.cases.teams.get(id));
    }

    @Override
    public Optional<Agent> get(AgentId id) {
        session.checkOpen();
        return Optional.ofNullable(current(Objects.requireNonNull(id, "id")));
    }

    @Override
    public void insert(Agent agent) {
        WriteSet w = session.checkWritable();
        if (agent.version() != 1) {
            throw new IllegalArgumentException("a new agent has version 1");
        }
        if (current(agent.id()) != null) {
            throw new ConflictException("agent " + agent.id() + " already exists");
        }
        w.putAgent(agent);
    }

    @Override
    public void update(Agent before, Agent after) {
        WriteSet w = session.checkWritable();
        check(before.id().equals(after.id()), after.version() == before.version() + 1);
        Agent stored = current(before.id());
        if (stored == null) {
            throw new NotFoundException("agent", before.id());
        }
        if (stored.version() != before.version()) {
            throw new ConcurrencyException("agent", before.id(), before.version());
        }
        w.putAgent(after);
    }

    private static void check(boolean sameId, boolean nextVersion) {
        if (!sameId || !nextVersion) {
            throw new IllegalArgumentException("an update keeps the id and raises the version by one");
        }
    }

    @Override
    public List<Agent> members(TeamId team) {
        session.checkOpen();
        Objects.requireNonNull(team, "team");
        Map<AgentId, Agent> all = new HashMap<>(state.readConsistent(() -> new HashMap<>(state.cases.agents)));
        if (writes != null && writes.agents != null) {
            all.putAll(writes.agents);
        }
        List<Agent> out = new ArrayList<>();
        for (Agent a : all.values()) {
            if (a.teams().contains(team)) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(Agent::id));
        return out;
    }

    @Override
    public Optional<Team> getTeam(TeamId id) {
        session.checkOpen();
        return Optional.ofNullable(currentTeam(Objects.requireNonNull(id, "id")));
    }

    @Override
    public void insertTeam(Team team) {
        WriteSet w = session.checkWritable();
        if (team.version() != 1) {
            throw new IllegalArgumentException("a new team has version 1");
        }
        if (currentTeam(team.id()) != null) {
            throw new ConflictException("team " + team.id() + " already exists");
        }
        w.putTeam(team);
    }

    @Override
    public void updateTeam(Team before, Team after) {
        WriteSet w = session.checkWritable();
        check(before.id().equals(after.id()), after.version() == before.version() + 1);
        Team stored = currentTeam(before.id());
        if (stored == null) {
            throw new NotFoundException("team", before.id());
        }
        if (stored.version() != before.version()) {
            throw new ConcurrencyException("team", before.id(), before.version());
        }
        w.putTeam(after);
    }
}
