package dev.rapport.crm.model.cases;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.TeamId;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone who works cases.
 *
 * @param id the agent's id
 * @param version 1 when created, raised by one with every change (assignments included)
 * @param name a display name
 * @param skills what the agent can handle (lower-case labels), sorted
 * @param languages the languages the agent works in (lower-case BCP 47 tags such as {@code en},
 *     {@code pt-br}), sorted
 * @param capacity the most active cases routing gives the agent at once
 * @param availability whether the agent takes new cases
 * @param teams the teams the agent belongs to, sorted
 * @param openCases the active (neither solved nor closed) cases assigned to the agent now; may
 *     exceed {@code capacity} only through reopened or hand-assigned cases, never through routing
 * @param createdAt when the agent was created
 * @param updatedAt when the agent last changed
 * @since 0.3
 */
public record Agent(
        AgentId id,
        long version,
        String name,
        Set<String> skills,
        Set<String> languages,
        int capacity,
        Availability availability,
        Set<TeamId> teams,
        int openCases,
        Instant createdAt,
        Instant updatedAt) {

    /** Checks presence and counts, and copies the sets. */
    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1 || capacity < 0 || openCases < 0) {
            throw new IllegalArgumentException("version must be positive, capacity and openCases not negative");
        }
        skills = Collections.unmodifiableSet(new TreeSet<>(skills));
        languages = Collections.unmodifiableSet(new TreeSet<>(languages));
        teams = Collections.unmodifiableSet(new TreeSet<>(teams));
    }

    /**
     * @param count the agent's open cases after a change
     * @param at when it changed
     * @return the agent with that count, one version up
     */
    public Agent withOpenCases(int count, Instant at) {
        return new Agent(id, version + 1, name, skills, languages, capacity, availability, teams, count, createdAt, at);
    }

    /** @return whether routing may give the agent another case now: online and below capacity */
    public boolean canTakeMore() {
        return availability == Availability.ONLINE && openCases < capacity;
    }
}
