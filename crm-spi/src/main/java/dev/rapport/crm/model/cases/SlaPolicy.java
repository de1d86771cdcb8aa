package dev.rapport.crm.model.cases;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.calendar.BusinessCalendar;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tenant's service-level promise for the cases it applies to. A case gets the first policy, by
 * {@link #rank()} then id, whose conditions all hold; an empty condition holds for every case.
 *
 * @param id the policy's id
 * @param version 1 when created, raised by one with every change
 * @param name a display name
 * @param rank where it comes in the order of policies tried, lowest first
 * @param priorities the case must have one of these priorities, if any are given
 * @param channels the case must have come in on one of these channels, if any are given
 * @param tags the case must carry at least one of these tags, if any are given
 * @param customerAttributes the case's customer must hold each of these attribute values
 * @param targets the promises, at most one per metric
 * @param calendar the open hours business-time targets count
 * @param pauseWhileWaiting true to stop every clock while the case is pending (waiting on the
 *     customer) or on hold (waiting on a third party), resuming where it stopped
 * @param escalations what happens to a case when a clock becomes at risk or is breached
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @since 0.3
 */
public record SlaPolicy(
        SlaPolicyId id,
        long version,
        String name,
        int rank,
        Set<CasePriority> priorities,
        Set<Channel> channels,
        Set<String> tags,
        Map<String, AttributeValue> customerAttributes,
        List<SlaTarget> targets,
        BusinessCalendar calendar,
        boolean pauseWhileWaiting,
        List<Escalation> escalations,
        Instant createdAt,
        Instant updatedAt) {

    /** Checks presence and copies the collections. */
    public SlaPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        priorities = priorities.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(priorities));
        channels = channels.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(channels));
        tags = Collections.unmodifiableSet(new TreeSet<>(tags));
        customerAttributes = Collections.unmodifiableMap(new TreeMap<>(customerAttributes));
        targets = List.copyOf(targets);
        escalations = List.copyOf(escalations);
    }
}
