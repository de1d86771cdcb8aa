package dev.rapport.crm.model.cases;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A service case: one request of one customer, worked until it is solved and closed.
 *
 * @param id the case's id
 * @param version 1 when opened, raised by one with every command that changes it
 * @param customerId the customer who asked
 * @param subject a one-line summary
 * @param description the request in full (possibly empty)
 * @param origin the channel the request came in on
 * @param priority how urgent it is
 * @param category the tenant's category, if any
 * @param tags labels, sorted
 * @param attributes custom attribute values by key, checked against the tenant's definitions
 * @param status where it stands
 * @param team the team whose queue it is in, if any
 * @param assignee the agent working it, if any; a case of a team without an assignee waits in the
 *     team's queue while it is active
 * @param requiredSkills the skills an agent needs for it (skill-based routing), sorted
 * @param language the language it is worked in (a lower-case BCP 47 tag), if it matters for
 *     routing
 * @param slaPolicy the service-level policy that applies to it, if any
 * @param sla the clocks of the policy's targets, one per metric, in metric order
 * @param interactions the linked interactions, in the order they were linked
 * @param threads the conversation threads of the linked interactions, sorted: a new message on
 *     one of them while the case is active attaches to it
 * @param related cases related to this one (both ways), sorted
 * @param mergedInto the case this one was merged into, if it was (it is then closed)
 * @param facts what happened to it
 * @param createdAt when it was opened
 * @param updatedAt when it last changed
 * @since 0.3
 */
public record Case(
        CaseId id,
        long version,
        CustomerId customerId,
        String subject,
        String description,
        Channel origin,
        CasePriority priority,
        @Nullable String category,
        Set<String> tags,
        Map<String, AttributeValue> attributes,
        CaseStatus status,
        @Nullable TeamId team,
        @Nullable AgentId assignee,
        Set<String> requiredSkills,
        @Nullable String language,
        @Nullable SlaPolicyId slaPolicy,
        List<SlaClock> sla,
        List<InteractionId> interactions,
        Set<String> threads,
        Set<CaseId> related,
        @Nullable CaseId mergedInto,
        CaseFacts facts,
        Instant createdAt,
        Instant updatedAt) {

    /** Checks presence and copies the collections. Rule checks are the engine's. */
    public Case {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        tags = Collections.unmodifiableSet(new TreeSet<>(tags));
        requiredSkills = Collections.unmodifiableSet(new TreeSet<>(requiredSkills));
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        interactions = List.copyOf(interactions);
        sla = List.copyOf(sla);
        threads = Collections.unmodifiableSet(new TreeSet<>(threads));
        related = Collections.unmodifiableSet(new TreeSet<>(related));
    }

    /**
     * @return the earliest due time of the service-level clocks running now, if any: what a queue
     *     ordered by urgency sorts on
     */
    public Optional<Instant> nextDueAt() {
        Instant next = null;
        for (SlaClock c : sla) {
            if (c.running() && c.dueAt() != null && (next == null || c.dueAt().isBefore(next))) {
                next = c.dueAt();
            }
        }
        return Optional.ofNullable(next);
    }

    /**
     * @param metric a metric
     * @return its clock, if the case's policy has a target for it and it has started
     */
    public Optional<SlaClock> sla(SlaMetric metric) {
        return sla.stream().filter(c -> c.metric() == metric).findFirst();
    }

    /** @return the time from opening to the first agent reply, if there was one */
    public Optional<Duration> firstResponseTime() {
        Instant at = facts.firstResponseAt();
        return at == null ? Optional.empty() : Optional.of(Duration.between(createdAt, at));
    }

    /** @return the time from opening to the latest solve, if the case is solved or closed */
    public Optional<Duration> resolutionTime() {
        Instant at = facts.solvedAt();
        return at == null ? Optional.empty() : Optional.of(Duration.between(createdAt, at));
    }
}
