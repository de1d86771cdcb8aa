package dev.rapport.crm.cases;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.CasePriority;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command to open a case. Build one with {@link #about(CustomerId, String)}:
 *
 * <pre>{@code
 * NewCase request = NewCase.about(ada.id(), "Parcel arrived damaged")
 *         .description("The box was crushed and two cups are broken.")
 *         .origin(Channel.EMAIL)
 *         .priority(CasePriority.HIGH)
 *         .tags("shipping")
 *         .interaction(email.id())
 *         .build();
 * }</pre>
 *
 * <p>Checked when it runs, all at once: a subject of 1 to 500 characters on one line, a
 * description of at most 100,000, a category of at most 100 on one line, at most 50 tags of 1 to
 * 100 characters (trimmed, compared as given), attributes as for customers, and interactions that
 * exist, belong to the same customer and are not linked to another case.
 *
 * @param customer the customer who asks
 * @param subject a one-line summary
 * @param description the request in full
 * @param origin the channel it came in on; {@link Channel#OTHER} when not given
 * @param priority how urgent; {@link CasePriority#NORMAL} when not given
 * @param category the tenant's category, if any
 * @param tags labels
 * @param attributes custom attribute values by key
 * @param interactions interactions to link at once, such as the message that started it
 * @param team the team to route it to at once by the team's policy, if any
 * @param requiredSkills the skills an agent needs for it (lower-cased)
 * @param language the language it is worked in (a BCP 47 tag, lower-cased), if any
 * @param actor who opens it (an agent id or name, or {@code system}), for the history
 * @since 0.3
 */
public record NewCase(
        CustomerId customer,
        String subject,
        String description,
        Channel origin,
        CasePriority priority,
        @Nullable String category,
        Set<String> tags,
        Map<String, Object> attributes,
        List<InteractionId> interactions,
        @Nullable TeamId team,
        Set<String> requiredSkills,
        @Nullable String language,
        @Nullable String actor) {

    /** Checks presence and copies the collections. */
    public NewCase {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(priority, "priority");
        tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        interactions = Collections.unmodifiableList(new ArrayList<>(interactions));
        requiredSkills = Collections.unmodifiableSet(new LinkedHashSet<>(requiredSkills));
    }

    /**
     * @param customer the customer who asks
     * @param subject a one-line summary
     * @return a builder
     */
    public static Builder about(CustomerId customer, String subject) {
        return new Builder(customer, subject);
    }

    /** Builds a {@link NewCase}. Not thread-safe. */
    public static final class Builder {
        private final CustomerId customer;
        private final String subject;
        private String description = "";
        private Channel origin = Channel.OTHER;
        private CasePriority priority = CasePriority.NORMAL;
        private @Nullable String category;
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private final List<InteractionId> interactions = new ArrayList<>();
        private @Nullable TeamId team;
        private final Set<String> requiredSkills = new LinkedHashSet<>();
        private @Nullable String language;
        private @Nullable String actor;

        private Builder(CustomerId customer, String subject) {
            this.customer = Objects.requireNonNull(customer, "customer");
            this.subject = Objects.requireNonNull(subject, "subject");
        }

        /**
         * @param text the request in full
         * @return this builder
         */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * @param channel the channel it came in on
         * @return this builder
         */
        public Builder origin(Channel channel) {
            this.origin = Objects.requireNonNull(channel, "origin");
            return this;
        }

        /**
         * @param level how urgent
         * @return this builder
         */
        public Builder priority(CasePriority level) {
            this.priority = Objects.requireNonNull(level, "priority");
            return this;
        }

        /**
         * @param name the tenant's category, or null for none
         * @return this builder
         */
        public Builder category(@Nullable String name) {
            this.category = name;
            return this;
        }

        /**
         * @param labels tags to add
         * @return this builder
         */
        public Builder tags(String... labels) {
            for (String label : labels) {
                tags.add(Objects.requireNonNull(label, "tag"));
            }
            return this;
        }

        /**
         * @param key an attribute key defined for the tenant
         * @param value its value, as for customers
         * @return this builder
         */
        public Builder attribute(String key, Object value) {
            attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param id an interaction of the same customer to link at once
         * @return this builder
         */
        public Builder interaction(InteractionId id) {
            interactions.add(Objects.requireNonNull(id, "interaction"));
            return this;
        }

        /**
         * @param id the team to route it to at once
         * @return this builder
         */
        public Builder team(@Nullable TeamId id) {
            this.team = id;
            return this;
        }

        /**
         * @param skills skills an agent needs for it
         * @return this builder
         */
        public Builder requiredSkills(String... skills) {
            for (String s : skills) {
                requiredSkills.add(Objects.requireNonNull(s, "skill"));
            }
            return this;
        }

        /**
         * @param tag the BCP 47 tag of the language it is worked in, or null
         * @return this builder
         */
        public Builder language(@Nullable String tag) {
            this.language = tag;
            return this;
        }

        /**
         * @param who who opens it, for the history
         * @return this builder
         */
        public Builder actor(@Nullable String who) {
            this.actor = who;
            return this;
        }

        /** @return the command */
        public NewCase build() {
            return new NewCase(
                    customer,
                    subject,
                    description,
                    origin,
                    priority,
                    category,
                    tags,
                    attributes,
                    interactions,
                    team,
                    requiredSkills,
                    language,
                    actor);
        }
    }
}
