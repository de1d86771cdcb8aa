package dev.rapport.crm.model.activity;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A contact between the business and a customer on any channel: an email, a call, a chat, a
 * social post, a visit, or an internal note about the customer. Interactions are facts: once
 * recorded they do not change, except that a parked unmatched one is later linked to its customer
 * (which raises its version).
 *
 * @param id the interaction's id
 * @param version 1 when recorded, raised by each change
 * @param customerId the customer, or null while it is parked as unmatched
 * @param channel the channel
 * @param direction inbound, outbound or internal
 * @param occurredAt when it happened
 * @param recordedAt when Rapport recorded it
 * @param subject the subject line, if the channel has one
 * @param body the content as plain text (possibly empty)
 * @param html the content as HTML, when it was given so
 * @param author who wrote or handled it on the business's side (an agent id or name), if known
 * @param participants the addresses, numbers and handles taking part
 * @param threadId the conversation it belongs to; every interaction of one thread has the same id
 * @param duration how long it lasted (calls), if known
 * @param outcome how it ended (such as {@code answered}, {@code voicemail}), if known
 * @param attachments metadata of the attachments
 * @param attributes custom attribute values by key, checked against the tenant's definitions
 * @param source where it came from and its id there: the idempotency key, if any
 * @since 0.2
 */
public record Interaction(
        InteractionId id,
        long version,
        @Nullable CustomerId customerId,
        Channel channel,
        Direction direction,
        Instant occurredAt,
        Instant recordedAt,
        @Nullable String subject,
        String body,
        @Nullable String html,
        @Nullable String author,
        List<Participant> participants,
        @Nullable String threadId,
        @Nullable Duration duration,
        @Nullable String outcome,
        List<Attachment> attachments,
        Map<String, AttributeValue> attributes,
        @Nullable SourceRef source)
        implements Activity {

    /** Checks presence and copies the collections. Rule checks are the engine's. */
    public Interaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(body, "body");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        participants = List.copyOf(participants);
        attachments = List.copyOf(attachments);
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    @Override
    public UUID activityId() {
        return id.value();
    }

    @Override
    public ActivityKind activityKind() {
        return ActivityKind.INTERACTION;
    }

    /** @return true while no customer is linked */
    public boolean unmatched() {
        return customerId == null;
    }

    /** @return the customer, if linked */
    public Optional<CustomerId> customer() {
        return Optional.ofNullable(customerId);
    }

    /**
     * @param customer the customer to link
     * @return a copy linked to the customer, one version up
     */
    public Interaction linkedTo(CustomerId customer) {
        return new Interaction(
                id,
                version + 1,
                Objects.requireNonNull(customer, "customer"),
                channel,
                direction,
                occurredAt,
                recordedAt,
                subject,
                body,
                html,
                author,
                participants,
                threadId,
                duration,
                outcome,
                attachments,
                attributes,
                source);
    }
}
