package dev.rapport.crm.cases;

import dev.rapport.crm.model.cases.CasePriority;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a case an update changes; fields not named keep their value. Status is changed
 * by {@link CaseService#moveTo}, not here. Immutable; build with {@link #builder()}:
 *
 * <pre>{@code
 * CasePatch.builder().priority(CasePriority.URGENT).addTags("vip").actor("agent-7").build()
 * }</pre>
 *
 * @since 0.3
 */
public final class CasePatch {
    private final @Nullable String subject;
    private final @Nullable String description;
    private final @Nullable CasePriority priority;
    private final @Nullable Optional<String> category;
    private final Set<String> addTags;
    private final Set<String> removeTags;
    private final Map<String, Object> attributes;
    private final Set<String> clearAttributes;
    private final @Nullable String actor;

    private CasePatch(Builder b) {
        subject = b.subject;
        description = b.description;
        priority = b.priority;
        category = b.category;
        addTags = Collections.unmodifiableSet(new LinkedHashSet<>(b.addTags));
        removeTags = Collections.unmodifiableSet(new LinkedHashSet<>(b.removeTags));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        clearAttributes = Collections.unmodifiableSet(new LinkedHashSet<>(b.clearAttributes));
        actor = b.actor;
    }

    /** @return a builder of an empty patch */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the new subject, if the patch changes it */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** @return the new description, if the patch changes it */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** @return the new priority, if the patch changes it */
    public Optional<CasePriority> priority() {
        return Optional.ofNullable(priority);
    }

    /** @return empty if untouched, else the new category (empty inside means cleared) */
    public Optional<Optional<String>> category() {
        return Optional.ofNullable(category);
    }

    /** @return tags to add */
    public Set<String> addTags() {
        return addTags;
    }

    /** @return tags to remove */
    public Set<String> removeTags() {
        return removeTags;
    }

    /** @return attribute values to set, by key */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** @return attribute keys to clear */
    public Set<String> clearAttributes() {
        return clearAttributes;
    }

    /** @return who makes the change, for the history, if given */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /** Builds a {@link CasePatch}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String subject;
        private @Nullable String description;
        private @Nullable CasePriority priority;
        private @Nullable Optional<String> category;
        private final Set<String> addTags = new LinkedHashSet<>();
        private final Set<String> removeTags = new LinkedHashSet<>();
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private final Set<String> clearAttributes = new LinkedHashSet<>();
        private @Nullable String actor;

        private Builder() {}

        /**
         * @param text the new subject
         * @return this builder
         */
        public Builder subject(String text) {
            this.subject = Objects.requireNonNull(text, "subject");
            return this;
        }

        /**
         * @param text the new description
         * @return this builder
         */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * @param level the new priority
         * @return this builder
         */
        public Builder priority(CasePriority level) {
            this.priority = Objects.requireNonNull(level, "priority");
            return this;
        }

        /**
         * @param name the new category
         * @return this builder
         */
        public Builder category(String name) {
            this.category = Optional.of(Objects.requireNonNull(name, "category"));
            return this;
        }

        /** @return this builder, clearing the category */
        public Builder clearCategory() {
            this.category = Optional.empty();
            return this;
        }

        /**
         * @param labels tags to add
         * @return this builder
         */
        public Builder addTags(String... labels) {
            for (String label : labels) {
                addTags.add(Objects.requireNonNull(label, "tag"));
            }
            return this;
        }

        /**
         * @param labels tags to remove
         * @return this builder
         */
        public Builder removeTags(String... labels) {
            for (String label : labels) {
                removeTags.add(Objects.requireNonNull(label, "tag"));
            }
            return this;
        }

        /**
         * @param key an attribute key defined for the tenant
         * @param value its new value
         * @return this builder
         */
        public Builder attribute(String key, Object value) {
            attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param keys attribute keys to clear
         * @return this builder
         */
        public Builder clearAttributes(String... keys) {
            for (String key : keys) {
                clearAttributes.add(Objects.requireNonNull(key, "key"));
            }
            return this;
        }

        /**
         * @param who who makes the change, for the history
         * @return this builder
         */
        public Builder actor(@Nullable String who) {
            this.actor = who;
            return this;
        }

        /** @return the patch */
        public CasePatch build() {
            return new CasePatch(this);
        }
    }
}
