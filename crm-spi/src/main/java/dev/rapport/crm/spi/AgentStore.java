package dev.rapport.crm.spi;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Team;
import java.util.List;
import java.util.Optional;

/**
 * Agents and teams, of one tenant. Every method sees the session's own uncommitted writes. Writes
 * are guarded by version as {@link CustomerStore#update} is: routing relies on it, since two
 * commands assigning to one agent at once both raise the agent's version and only one can win.
 *
 * @since 0.3
 */
public interface AgentStore {

    /**
     * @param id an agent id
     * @return the agent, if it exists in this tenant
     */
    Optional<Agent> get(AgentId id);

    /**
     * Stores a new agent (version 1).
     *
     * @param agent the agent
     * @throws dev.rapport.crm.model.ConflictException if an agent with its id exists
     */
    void insert(Agent agent);

    /**
     * Replaces an agent: {@code after.version()} must be {@code before.version() + 1} and the
     * stored version must still be {@code before.version()}.
     *
     * @param before the agent as the engine read it
     * @param after the changed agent
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version differs
     * @throws dev.rapport.crm.model.NotFoundException if it no longer exists
     */
    void update(Agent before, Agent after);

    /**
     * @param team a team id
     * @return the agents belonging to the team, by id
     */
    List<Agent> members(TeamId team);

    /**
     * @param id a team id
     * @return the team, if it exists in this tenant
     */
    Optional<Team> getTeam(TeamId id);

    /**
     * Stores a new team (version 1).
     *
     * @param team the team
     * @throws dev.rapport.crm.model.ConflictException if a team with its id exists
     */
    void insertTeam(Team team);

    /**
     * Replaces a team, guarded by version as {@link #update} is.
     *
     * @param before the team as the engine read it
     * @param after the changed team
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version differs
     * @throws dev.rapport.crm.model.NotFoundException if it no longer exists
     */
    void updateTeam(Team before, Team after);
}
