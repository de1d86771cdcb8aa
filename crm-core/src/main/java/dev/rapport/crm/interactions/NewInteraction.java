package dev.rapport.crm.interactions;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Participant;
import dev.rapport.crm.model.activity.ParticipantRole;
import dev.rapport.crm.model.activity.SourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The command to record an interaction. Build one with {@link #on(Channel, Direction)}:
 *
 * <pre>{@code
 * NewInteraction call = NewInteraction.on(Channel.PHONE, Direction.INBOUND)
 *         .customer(ada.id())
 *         .occurredAt(Instant.parse("2026-12-01T10:15:00Z"))
 *         .body("Asked about the delivery date")
 *         .duration(Duration.ofMinutes(4))
 *         .outcome("answered")
 *         .build();
 * }</pre>
 *
 * <p>Checked by the engine when it runs, all at once: every problem is reported in one {@link
 * dev.rapport.crm.model.ValidationException} and nothing is written. The limits: subject at most
 * 1,000 characters; body and html each at most the engine's {@code maxBodyLength} (default
 * 1,000,000 characters); author and outcome at most 200; at most 100 participants (addresses 1 to
 * 320 characters) and 100 attachments; thread id 1 to 512 characters; duration not negative;
 * occurredAt from year 1000 to 9999; the source as {@link SourceRef} says.
 *
 * @param customer the customer; required by {@link InteractionService#record}, absent for {@link
 *     InboundMessage}, whose sender identifies the customer
 * @param channel the channel
 * @param direction inbound, outbound or internal
 * @param occurredAt when it happened; the engine's clock when not given
 * @param subject the subject line, if any
 * @param body the plain-text content; empty when not given
 * @param html the HTML content, if given so
 * @param author who wrote or handled it on the business's side, if known
 * @param participants addresses, numbers and handles taking part
 * @param threadId the conversation it belongs to, if known
 * @param duration how long it lasted, if known
 * @param outcome how it ended, if known
 * @param attachments attachment metadata
 * @param attributes custom attribute values by key, as plain Java values or {@code
 *     AttributeValue}s, checked against the tenant's definitions (which customers and
 *     interactions share; {@code required} applies to customers only)
 * @param source the source system and the id there: recording the same source twice returns the
 *     first interaction and emits nothing
 * @since 0.2
 */
public record NewInteraction(
        @Nullable CustomerId customer,
        Channel channel,
        Direction direction,
        @Nullable Instant occurredAt,
        @Nullable String subject,
        String body,
        @Nullable String html,
        @Nullable String author,
        List<Participant> participants,
        @Nullable String threadId,
        @Nullable Duration duration,
        @Nullable String outcome,
        List<Attachment> attachments,
        Map<String, Object> attributes,
        @Nullable SourceRef source) {

    /** Checks presence of the channel and direction and copies the collections. */
    public NewInteraction {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
        body = body == null ? "" : body;
        participants = Collections.unmodifiableList(new ArrayList<>(participants));
        attachments = Collections.unmodifiableList(new ArrayList<>(attachments));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * @param channel the channel
     * @param direction the direction
     * @return a builder
     */
    public static Builder on(Channel channel, Direction direction) {
        return new Builder(channel, direction);
    }

    /** @return a builder holding this command's values */
    public Builder toBuilder() {
        Builder b = new Builder(channel, direction);
        b.customer = customer;
        b.occurredAt = occurredAt;
        b.subject = subject;
        b.body = body;
        b.html = html;
        b.author = author;
        b.participants.addAll(participants);
        b.threadId = threadId;
        b.duration = duration;
        b.outcome = outcome;
        b.attachments.addAll(attachments);
        b.attributes.putAll(attributes);
        b.source = source;
        return b;
    }

    /** Builds a {@link NewInteraction}. Not thread-safe; each {@link #build()} copies. */
    public static final class Builder {
        private final Channel channel;
        private final Direction direction;
        private @Nullable CustomerId customer;
        private @Nullable Instant occurredAt;
        private @Nullable String subject;
        private String body = "";
        private @Nullable String html;
        private @Nullable String author;
        private final List<Participant> participants = new ArrayList<>();
        private @Nullable String threadId;
        private @Nullable Duration duration;
        private @Nullable String outcome;
        private final List<Attachment> attachments = new ArrayList<>();
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private @Nullable SourceRef source;

        private Builder(Channel channel, Direction direction) {
            this.channel = Objects.requireNonNull(channel, "channel");
            this.direction = Objects.requireNonNull(direction, "direction");
        }

        /**
         * @param id the customer
         * @return this builder
         */
        public Builder customer(@Nullable CustomerId id) {
            this.customer = id;
            return this;
        }

        /**
         * @param at when it happened
         * @return this builder
         */
        public Builder occurredAt(@Nullable Instant at) {
            this.occurredAt = at;
            return this;
        }

        /**
         * @param text the subject line
         * @return this builder
         */
        public Builder subject(@Nullable String text) {
            this.subject = text;
            return this;
        }

        /**
         * @param text the plain-text content
         * @return this builder
         */
        public Builder body(@Nullable String text) {
            this.body = text == null ? "" : text;
            return this;
        }

        /**
         * @param markup the HTML content
         * @return this builder
         */
        public Builder html(@Nullable String markup) {
            this.html = markup;
            return this;
        }

        /**
         * @param who the agent or author on the business's side
         * @return this builder
         */
        public Builder author(@Nullable String who) {
            this.author = who;
            return this;
        }

        /**
         * @param role the role
         * @param address the address, number or handle
         * @return this builder
         */
        public Builder participant(ParticipantRole role, String address) {
            participants.add(new Participant(role, address));
            return this;
        }

        /**
         * @param id the thread id
         * @return this builder
         */
        public Builder thread(@Nullable String id) {
            this.threadId = id;
            return this;
        }

        /**
         * @param length how long it lasted
         * @return this builder
         */
        public Builder duration(@Nullable Duration length) {
            this.duration = length;
            return this;
        }

        /**
         * @param result how it ended
         * @return this builder
         */
        public Builder outcome(@Nullable String result) {
            this.outcome = result;
            return this;
        }

        /**
         * @param attachment attachment metadata
         * @return this builder
         */
        public Builder attachment(Attachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /**
         * @param key an attribute key
         * @param value its value
         * @return this builder
         */
        public Builder attribute(String key, Object value) {
            attributes.put(key, value);
            return this;
        }

        /**
         * @param system the source system
         * @param externalId the id there
         * @return this builder
         */
        public Builder source(String system, String externalId) {
            this.source = new SourceRef(system, externalId);
            return this;
        }

        /**
         * @param ref the source reference, or null for none
         * @return this builder
         */
        public Builder source(@Nullable SourceRef ref) {
            this.source = ref;
            return this;
        }

        /** @return the command */
        public NewInteraction build() {
            return new NewInteraction(
                    customer,
                    channel,
                    direction,
                    occurredAt,
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
}
