package dev.rapport.crm.customers;

import dev.rapport.crm.model.Channel;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fields an update changes; fields not named keep their value. Immutable; build with {@link
 * #builder()}:
 *
 * <pre>{@code
 * CustomerPatch.builder().displayName("Ada King").clearGivenName().language("en-GB").build()
 * }</pre>
 *
 * @since 0.1
 */
public final class CustomerPatch {
    private final @Nullable Optional<String> displayName;
    private final @Nullable Optional<String> givenName;
    private final @Nullable Optional<String> familyName;
    private final @Nullable Optional<Channel> preferredChannel;
    private final @Nullable Optional<String> language;
    private final @Nullable Optional<ZoneId> timeZone;
    private final Map<Channel, Boolean> consents;
    private final @Nullable String consentSource;

    private CustomerPatch(Builder b) {
        displayName = b.displayName;
        givenName = b.givenName;
        familyName = b.familyName;
        preferredChannel = b.preferredChannel;
        language = b.language;
        timeZone = b.timeZone;
        consents = Map.copyOf(b.consents);
        consentSource = b.consentSource;
    }

    /** @return a builder of an empty patch */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the new display name, if the patch changes it */
    public Optional<String> displayName() {
        return displayName == null ? Optional.empty() : displayName;
    }

    /** @return empty if untouched, else the new given name (empty inside means cleared) */
    public Optional<Optional<String>> givenName() {
        return Optional.ofNullable(givenName);
    }

    /** @return empty if untouched, else the new family name (empty inside means cleared) */
    public Optional<Optional<String>> familyName() {
        return Optional.ofNullable(familyName);
    }

    /** @return empty if untouched, else the new preferred channel (empty inside means cleared) */
    public Optional<Optional<Channel>> preferredChannel() {
        return Optional.ofNullable(preferredChannel);
    }

    /** @return empty if untouched, else the new language tag (empty inside means cleared) */
    public Optional<Optional<String>> language() {
        return Optional.ofNullable(language);
    }

    /** @return empty if untouched, else the new time zone (empty inside means cleared) */
    public Optional<Optional<ZoneId>> timeZone() {
        return Optional.ofNullable(timeZone);
    }

    /** @return opt-in choices to record, by channel */
    public Map<Channel, Boolean> consents() {
        return consents;
    }

    /** @return where the opt-in choices were made */
    public Optional<String> consentSource() {
        return Optional.ofNullable(consentSource);
    }

    /** @return true if the patch changes nothing */
    public boolean isEmpty() {
        return displayName == null
                && givenName == null
                && familyName == null
                && preferredChannel == null
                && language == null
                && timeZone == null
                && consents.isEmpty();
    }

    /** Builds a {@link CustomerPatch}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Optional<String> displayName;
        private @Nullable Optional<String> givenName;
        private @Nullable Optional<String> familyName;
        private @Nullable Optional<Channel> preferredChannel;
        private @Nullable Optional<String> language;
        private @Nullable Optional<ZoneId> timeZone;
        private final Map<Channel, Boolean> consents = new EnumMap<>(Channel.class);
        private @Nullable String consentSource;

        private Builder() {}

        /** @param name the new display name @return this builder */
        public Builder displayName(String name) {
            displayName = Optional.of(name);
            return this;
        }

        /** @param name the new given name @return this builder */
        public Builder givenName(String name) {
            givenName = Optional.of(name);
            return this;
        }

        /** @return this builder, clearing the given name */
        public Builder clearGivenName() {
            givenName = Optional.empty();
            return this;
        }

        /** @param name the new family name @return this builder */
        public Builder familyName(String name) {
            familyName = Optional.of(name);
            return this;
        }

        /** @return this builder, clearing the family name */
        public Builder clearFamilyName() {
            familyName = Optional.empty();
            return this;
        }

        /** @param channel the preferred channel, or null to clear it @return this builder */
        public Builder preferredChannel(@Nullable Channel channel) {
            preferredChannel = Optional.ofNullable(channel);
            return this;
        }

        /** @param tag a BCP 47 language tag, or null to clear it @return this builder */
        public Builder language(@Nullable String tag) {
            language = Optional.ofNullable(tag);
            return this;
        }

        /** @param zone an IANA zone, or null to clear it @return this builder */
        public Builder timeZone(@Nullable ZoneId zone) {
            timeZone = Optional.ofNullable(zone);
            return this;
        }

        /**
         * Records an opt-in or opt-out, stamped with the engine's clock.
         *
         * @param channel the channel
         * @param optedIn the choice
         * @param source where it was made, such as {@code preference-centre}
         * @return this builder
         */
        public Builder consent(Channel channel, boolean optedIn, String source) {
            consents.put(channel, optedIn);
            consentSource = source;
            return this;
        }

        /** @return the patch */
        public CustomerPatch build() {
            return new CustomerPatch(this);
        }
    }
}
