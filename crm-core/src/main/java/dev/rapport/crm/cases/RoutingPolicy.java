package dev.rapport.crm.cases;

import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.Team;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the agent a team's case goes to. A team names its policy ({@link Team#routing()}); the
 * three built in are registered under {@link #ROUND_ROBIN_NAME}, {@link #LEAST_LOADED_NAME} and
 * {@link #SKILL_BASED_NAME}, and an application adds its own with {@code
 * Crm.builder().routingPolicy(name, policy)}.
 *
 * <p>The engine calls a policy inside the routing command's transaction with the team's members
 * that can take a case now ({@link Agent#canTakeMore()}: online and below capacity), sorted by
 * id. An answer that is not one of them is an error. Capacity is the engine's business, not the
 * policy's: two application instances routing at once cannot both fill an agent's last place,
 * since each assignment raises the agent's version and the loser's command runs again.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface RoutingPolicy {

    /** The name of {@link #ROUND_ROBIN}. */
    String ROUND_ROBIN_NAME = "round-robin";

    /** The name of {@link #LEAST_LOADED}. */
    String LEAST_LOADED_NAME = "least-loaded";

    /** The name of {@link #SKILL_BASED}. */
    String SKILL_BASED_NAME = "skill-based";

    /** Fewest open cases first; ties to the lowest id. */
    Comparator<Agent> LEAST_LOADED_FIRST =
            Comparator.comparingInt(Agent::openCases).thenComparing(Agent::id);

    /**
     * Each case to the next candidate after the team's last assigned agent in id order, wrapping
     * around; the first candidate when there was none.
     */
    RoutingPolicy ROUND_ROBIN = (c, team, candidates) -> {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (team.lastAssigned() != null) {
            for (Agent a : candidates) {
                if (a.id().compareTo(team.lastAssigned()) > 0) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.of(candidates.get(0));
    };

    /** The candidate with the fewest open cases; ties to the lowest id. */
    RoutingPolicy LEAST_LOADED = (c, team, candidates) -> candidates.stream().min(LEAST_LOADED_FIRST);

    /**
     * Among the candidates who have every skill the case requires and, if the case has a
     * language, speak it, the one with the fewest open cases; ties to the lowest id. None: the case
     * waits.
     */
    RoutingPolicy SKILL_BASED = (c, team, candidates) -> candidates.stream()
            .filter(a -> a.skills().containsAll(c.requiredSkills()))
            .filter(a -> c.language() == null || a.languages().contains(c.language()))
            .min(LEAST_LOADED_FIRST);

    /**
     * @param waiting the case to route
     * @param team its team
     * @param candidates the team's members that can take a case now, by id
     * @return the agent to assign, or empty to leave the case waiting in the team's queue
     */
    Optional<Agent> choose(Case waiting, Team team, List<Agent> candidates);
}
