package dev.rapport.crm.cases;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Availability;
import dev.rapport.crm.model.cases.Team;
import java.util.List;
import java.util.Optional;

/**
 * The agents and teams of one tenant. A change that lets an agent take more cases (coming
 * online, a higher capacity, joining a team) routes the waiting cases of the agent's teams in the
 * same transaction, as solving or closing a case does for its assignee.
 *
 * @since 0.3
 */
public interface AgentService {

    /**
     * @param name a display name, 1 to 200 characters
     * @param routing the name of a registered {@link RoutingPolicy}
     * @return the team, version 1
     * @throws dev.rapport.crm.model.ValidationException if the name is bad or no policy has that name
     */
    Team createTeam(String name, String routing);

    /**
     * @param id a team id
     * @return the team
     * @throws dev.rapport.crm.model.NotFoundException if it does not exist in this tenant
     */
    Team team(TeamId id);

    /**
     * @param command the agent
     * @return the agent, version 1, with no open cases
     * @throws dev.rapport.crm.model.ValidationException naming every bad field
     * @throws dev.rapport.crm.model.NotFoundException if a team does not exist
     */
    Agent create(NewAgent command);

    /**
     * @param id an agent id
     * @return the agent
     * @throws dev.rapport.crm.model.NotFoundException if it does not exist in this tenant
     */
    Agent get(AgentId id);

    /**
     * @param id an agent id
     * @return the agent, if it exists in this tenant
     */
    Optional<Agent> find(AgentId id);

    /**
     * @param team a team id
     * @return the team's agents, by id
     */
    List<Agent> members(TeamId team);

    /**
     * @param id an agent
     * @param availability whether the agent takes new cases
     * @return the agent after the change
     */
    Agent setAvailability(AgentId id, Availability availability);

    /**
     * @param id an agent
     * @param capacity the most active cases routing gives the agent at once, 0 to 10,000; lowering
     *     it below the open cases takes none away
     * @return the agent after the change
     */
    Agent setCapacity(AgentId id, int capacity);

    /**
     * @param id an agent
     * @param team a team the agent joins
     * @return the agent after the change
     */
    Agent joinTeam(AgentId id, TeamId team);

    /**
     * @param id an agent
     * @param team a team the agent leaves; the agent keeps the team's cases already assigned
     * @return the agent after the change
     */
    Agent leaveTeam(AgentId id, TeamId team);
}
