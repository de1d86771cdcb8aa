package dev.rapport.crm.model;

import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a customer likes to be served.
 *
 * @param preferredChannel the channel they prefer, if known
 * @param language a BCP 47 language tag, such as {@code en-GB}, if known
 * @param timeZone their time zone, if known
 * @param consents per-channel opt-in choices, with when and where each was made
 * @since 0.1
 */
public record Preferences(
        @Nullable Channel preferredChannel,
        @Nullable String language,
        @Nullable ZoneId timeZone,
        Map<Channel, ChannelConsent> consents) {

    /** No preferences known. */
    public static final Preferences NONE = new Preferences(null, null, null, Map.of());

    /** Copies the consents into an unmodifiable map ordered by channel. */
    public Preferences {
        Objects.requireNonNull(consents, "consents");
        EnumMap<Channel, ChannelConsent> copy = new EnumMap<>(Channel.class);
        copy.putAll(consents);
        consents = Collections.unmodifiableMap(copy);
    }

    /** @return the preferred channel, if known */
    public Optional<Channel> preferredChannelIfKnown() {
        return Optional.ofNullable(preferredChannel);
    }

    /**
     * @param channel a channel
     * @return true only if the customer opted in on that channel
     */
    public boolean optedIn(Channel channel) {
        ChannelConsent consent = consents.get(channel);
        return consent != null && consent.optedIn();
    }
}
