package dev.rapport.crm.model.cases;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.TeamId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A team of agents sharing a queue of cases.
 *
 * @param id the team's id
 * @param version 1 when created, raised by one with every change
 * @param name a display name
 * @param routing the name of the routing policy that assigns the team's cases (such as {@code
 *     round-robin}, {@code least-loaded}, {@code skill-based})
 * @param lastAssigned the agent the team's latest routed case went to, if any (round-robin
 *     continues after it)
 * @param createdAt when the team was created
 * @param updatedAt when the team last changed
 * @since 0.3
 */
public record Team(
        TeamId id,
        long version,
        String name,
        String routing,
        @Nullable AgentId lastAssigned,
        Instant createdAt,
        Instant updatedAt) {
    /** Checks presence. */
    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }
}
