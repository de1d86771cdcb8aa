package dev.rapport.crm.cases;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.calendar.BusinessCalendar;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.Escalation;
import dev.rapport.crm.model.cases.SlaTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The definition of a service-level policy. Build one with {@link #named(String, BusinessCalendar)}:
 *
 * <pre>{@code
 * NewSlaPolicy.named("Urgent", officeHours)
 *         .priorities(CasePriority.URGENT)
 *         .target(SlaTarget.business(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)))
 *         .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(4)))
 *         .pauseWhileWaiting(true)
 *         .build();
 * }</pre>
 *
 * <p>Checked when it runs, all at once: a name of 1 to 200 characters; 1 to 3 targets, at most
 * one per metric; a rank from 0 to 1,000,000; at most 50 tags; customer attributes defined for
 * the tenant and valid for their types.
 *
 * @param name a display name
 * @param rank where it comes among the policies tried, lowest first; 100 unless given
 * @param priorities conditions on the case's priority (any of; none means any)
 * @param channels conditions on the case's origin channel (any of; none means any)
 * @param tags conditions on the case's tags (any of; none means any)
 * @param customerAttributes conditions on the customer's attributes (all of), values as for
 *     customers
 * @param targets the promises
 * @param calendar the open hours business-time targets count
 * @param pauseWhileWaiting whether clocks stand still while the case is pending or on hold
 * @param escalations what happens when a clock becomes at risk or is breached; teams named must
 *     exist
 * @since 0.3
 */
public record NewSlaPolicy(
        String name,
        int rank,
        Set<CasePriority> priorities,
        Set<Channel> channels,
        Set<String> tags,
        Map<String, Object> customerAttributes,
        List<SlaTarget> targets,
        BusinessCalendar calendar,
        boolean pauseWhileWaiting,
        List<Escalation> escalations) {

    /** Checks presence and copies the collections. */
    public NewSlaPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(calendar, "calendar");
        priorities = Collections.unmodifiableSet(new LinkedHashSet<>(priorities));
        channels = Collections.unmodifiableSet(new LinkedHashSet<>(channels));
        tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        customerAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(customerAttributes));
        targets = List.copyOf(targets);
        escalations = List.copyOf(escalations);
    }

    /**
     * @param name a display name
     * @param calendar the open hours business-time targets count ({@code BusinessCalendar.alwaysOpen}
     *     when every target is in calendar time)
     * @return a builder
     */
    public static Builder named(String name, BusinessCalendar calendar) {
        return new Builder(name, calendar);
    }

    /** Builds a {@link NewSlaPolicy}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final BusinessCalendar calendar;
        private int rank = 100;
        private final Set<CasePriority> priorities = new LinkedHashSet<>();
        private final Set<Channel> channels = new LinkedHashSet<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, Object> customerAttributes = new LinkedHashMap<>();
        private final List<SlaTarget> targets = new ArrayList<>();
        private boolean pauseWhileWaiting;
        private final List<Escalation> escalations = new ArrayList<>();

        private Builder(String name, BusinessCalendar calendar) {
            this.name = Objects.requireNonNull(name, "name");
            this.calendar = Objects.requireNonNull(calendar, "calendar");
        }

        /**
         * @param order where the policy comes among those tried, lowest first
         * @return this builder
         */
        public Builder rank(int order) {
            this.rank = order;
            return this;
        }

        /**
         * @param levels priorities it applies to
         * @return this builder
         */
        public Builder priorities(CasePriority... levels) {
            for (CasePriority p : levels) {
                priorities.add(Objects.requireNonNull(p, "priority"));
            }
            return this;
        }

        /**
         * @param origins channels it applies to
         * @return this builder
         */
        public Builder channels(Channel... origins) {
            for (Channel c : origins) {
                channels.add(Objects.requireNonNull(c, "channel"));
            }
            return this;
        }

        /**
         * @param labels tags it applies to (any of them)
         * @return this builder
         */
        public Builder tags(String... labels) {
            for (String t : labels) {
                tags.add(Objects.requireNonNull(t, "tag"));
            }
            return this;
        }

        /**
         * @param key a customer attribute key
         * @param value the value the customer must hold
         * @return this builder
         */
        public Builder customerAttribute(String key, Object value) {
            customerAttributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param target a promise
         * @return this builder
         */
        public Builder target(SlaTarget target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        /**
         * @param pause whether clocks stand still while the case is pending or on hold
         * @return this builder
         */
        public Builder pauseWhileWaiting(boolean pause) {
            this.pauseWhileWaiting = pause;
            return this;
        }

        /**
         * @param rule what to do when a clock becomes at risk or is breached
         * @return this builder
         */
        public Builder escalation(Escalation rule) {
            escalations.add(Objects.requireNonNull(rule, "escalation"));
            return this;
        }

        /** @return the definition */
        public NewSlaPolicy build() {
            return new NewSlaPolicy(
                    name,
                    rank,
                    priorities,
                    channels,
                    tags,
                    customerAttributes,
                    targets,
                    calendar,
                    pauseWhileWaiting,
                    escalations);
        }
    }
}
