package dev.rapport.crm.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's choice to receive, or not, messages on one channel, with when and how it was made.
 *
 * @param optedIn true if the customer agreed to be contacted
 * @param at when the choice was made
 * @param source where it was made, such as {@code signup-form} or {@code agent:42}
 * @since 0.1
 */
public record ChannelConsent(boolean optedIn, Instant at, String source) {
    /** Checks presence. */
    public ChannelConsent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
    }
}
