package dev.rapport.crm.cases;

import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.Availability;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The command to create an agent. Build one with {@link #named(String)}:
 *
 * <pre>{@code
 * NewAgent.named("Grace").skills("billing", "refunds").languages("en", "fr").capacity(5).team(support.id()).build()
 * }</pre>
 *
 * <p>Checked when it runs, all at once: a name of 1 to 200 characters on one line; at most 50
 * skills of 1 to 64 characters of {@code a-z}, {@code 0-9}, {@code -}, {@code _} (lower-cased);
 * at most 20 languages, each a BCP 47 tag (lower-cased); a capacity from 0 to 10,000; teams that
 * exist.
 *
 * @param name a display name
 * @param skills what the agent can handle
 * @param languages the languages the agent works in
 * @param capacity the most active cases routing gives the agent at once; 10 when not given
 * @param availability whether the agent takes new cases; {@code ONLINE} when not given
 * @param teams the teams the agent belongs to
 * @since 0.3
 */
public record NewAgent(
        String name,
        Set<String> skills,
        Set<String> languages,
        int capacity,
        Availability availability,
        Set<TeamId> teams) {

    /** Checks presence and copies the sets. */
    public NewAgent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(availability, "availability");
        skills = Collections.unmodifiableSet(new LinkedHashSet<>(skills));
        languages = Collections.unmodifiableSet(new LinkedHashSet<>(languages));
        teams = Collections.unmodifiableSet(new LinkedHashSet<>(teams));
    }

    /**
     * @param name a display name
     * @return a builder
     */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Builds a {@link NewAgent}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Set<String> skills = new LinkedHashSet<>();
        private final Set<String> languages = new LinkedHashSet<>();
        private int capacity = 10;
        private Availability availability = Availability.ONLINE;
        private final Set<TeamId> teams = new LinkedHashSet<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * @param labels skills to add
         * @return this builder
         */
        public Builder skills(String... labels) {
            for (String l : labels) {
                skills.add(Objects.requireNonNull(l, "skill"));
            }
            return this;
        }

        /**
         * @param tags BCP 47 language tags to add
         * @return this builder
         */
        public Builder languages(String... tags) {
            for (String t : tags) {
                languages.add(Objects.requireNonNull(t, "language"));
            }
            return this;
        }

        /**
         * @param most the most active cases routing gives the agent at once
         * @return this builder
         */
        public Builder capacity(int most) {
            this.capacity = most;
            return this;
        }

        /**
         * @param state whether the agent takes new cases
         * @return this builder
         */
        public Builder availability(Availability state) {
            this.availability = Objects.requireNonNull(state, "availability");
            return this;
        }

        /**
         * @param id a team the agent belongs to
         * @return this builder
         */
        public Builder team(TeamId id) {
            teams.add(Objects.requireNonNull(id, "team"));
            return this;
        }

        /** @return the command */
        public NewAgent build() {
            return new NewAgent(name, skills, languages, capacity, availability, teams);
        }
    }
}
