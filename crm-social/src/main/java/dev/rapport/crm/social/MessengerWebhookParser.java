package dev.rapport.crm.social;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.social.internal.JsonPayload;
import dev.rapport.crm.social.internal.Limits;
import dev.rapport.crm.social.internal.MessengerMapping;
import java.io.InputStream;
import java.util.List;

/**
 * Parses the body of a Facebook Messenger Platform webhook ({@code {"object":"page","entry":[...]}})
 * into inbound messages. Immutable and thread-safe; see {@link SocialPayloadParser} for the
 * refusal contract.
 *
 * <pre>{@code
 * MessengerWebhookParser messenger = MessengerWebhookParser.create();
 * for (InboundMessage m : messenger.parse(requestBody)) {   // after checking X-Hub-Signature-256
 *     crm.interactions().ingest(m);
 * }
 * }</pre>
 *
 * <p>What is read, from each event of each entry's {@code messaging} (and {@code standby}, the
 * events of threads another app controls) list:
 *
 * <ul>
 *   <li>{@code message}: a message; {@code message.is_echo: true} marks one the page sent.
 *   <li>{@code postback}: the customer tapped a button; recorded as an inbound message whose body
 *       is the button's {@code title} (the developer-defined {@code payload} is not kept).
 *   <li>anything else (delivery and read receipts, reactions, opt-ins, referrals, edits): skipped.
 *       So is an event whose sender is known only by a plugin's {@code user_ref}, without a
 *       page-scoped id.
 * </ul>
 *
 * <p>Each message becomes:
 *
 * <ul>
 *   <li>sender: {@code Identity.social("facebook", psid)}, the customer's page-scoped id: {@code
 *       sender.id}, or {@code recipient.id} for an echo. The sender of an {@link InboundMessage}
 *       is always the customer, also when the page wrote the message.
 *   <li>channel {@code MESSAGING}; direction {@code INBOUND}, or {@code OUTBOUND} for an echo;
 *   <li>occurredAt: {@code timestamp} (milliseconds since the epoch);
 *   <li>body: {@code message.text} (or the postback's {@code title}); empty when absent;
 *   <li>participants: {@code FROM sender.id}, {@code TO recipient.id};
 *   <li>thread: {@code facebook:<entry.id>:<psid>}, one thread per page and person;
 *   <li>source: {@code SourceRef("facebook", mid)}; a postback without a {@code mid} (older
 *       payloads) gets {@code postback:<psid>:<timestamp>}, stable across redeliveries;
 *   <li>replyTo: {@code message.reply_to.mid}, if any;
 *   <li>attachments: metadata of each {@code message.attachments[]}: no file name, a content type
 *       from {@code type} ({@code image/*}, {@code video/*}, {@code audio/*}, {@code
 *       text/uri-list} for a shared link, else {@code application/octet-stream}), size -1 and
 *       {@code payload.url} as the reference (Facebook's URLs expire; fetch and store the content
 *       elsewhere if you need it).
 * </ul>
 *
 * <p>Required, else the payload is refused: {@code object} equal to {@code "page"}, {@code entry}
 * (an array), each {@code entry[i].id}; for each message or postback event, {@code sender.id},
 * {@code recipient.id} (strings, not blank, at most 200 characters) and {@code timestamp} (an
 * integer, years 1000 to 9999), {@code message.mid}, each attachment's {@code type}, and {@code
 * reply_to.mid} when {@code reply_to} is given. Optional fields must have their type when present.
 * Receipts and other skipped events are not checked.
 *
 * <p><b>Echoes and {@link dev.rapport.crm.interactions.InteractionService#ingest}:</b> {@link
 * InboundMessage} documents its interaction's direction as {@code INBOUND}; an echo is {@code
 * OUTBOUND}. Until the engine accepts outbound messages there, turn echoes off with {@link
 * Builder#includeEchoes(boolean)}, or record them with {@link
 * dev.rapport.crm.interactions.InteractionService#record} once the customer is known.
 *
 * @since 0.2
 */
public final class MessengerWebhookParser implements SocialPayloadParser {
    private final JsonPayload reader;
    private final MessengerMapping mapping;

    private MessengerWebhookParser(Builder builder) {
        this.reader = Limits.reader(builder.maxPayloadBytes, builder.maxNestingDepth, List.of());
        this.mapping = new MessengerMapping(builder.includeEchoes);
    }

    /** @return a parser with the default settings */
    public static MessengerWebhookParser create() {
        return builder().build();
    }

    /** @return a builder with the default settings */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<InboundMessage> parse(String json) {
        return mapping.map(reader.read(json));
    }

    @Override
    public List<InboundMessage> parse(byte[] json) {
        return mapping.map(reader.read(json));
    }

    @Override
    public List<InboundMessage> parse(InputStream json) {
        return mapping.map(reader.read(json));
    }

    /**
     * Configures a {@link MessengerWebhookParser}; {@link #build()} reports every problem at once.
     * Not thread-safe.
     *
     * @since 0.2
     */
    public static final class Builder {
        private int maxPayloadBytes = Limits.DEFAULT_MAX_BYTES;
        private int maxNestingDepth = Limits.DEFAULT_MAX_DEPTH;
        private boolean includeEchoes = true;

        private Builder() {}

        /**
         * @param bytes the largest payload accepted, 1 byte to 256 MiB; default 5 MiB
         * @return this builder
         */
        public Builder maxPayloadBytes(int bytes) {
            this.maxPayloadBytes = bytes;
            return this;
        }

        /**
         * @param depth the deepest nesting of JSON arrays and objects accepted, 1 to 1,000; default
         *     128 (a webhook needs 8)
         * @return this builder
         */
        public Builder maxNestingDepth(int depth) {
            this.maxNestingDepth = depth;
            return this;
        }

        /**
         * @param include whether messages the page sent ({@code is_echo}) are returned, as {@code
         *     OUTBOUND}; default true. When false they are checked, then left out.
         * @return this builder
         */
        public Builder includeEchoes(boolean include) {
            this.includeEchoes = include;
            return this;
        }

        /**
         * @return the parser
         * @throws ValidationException listing every misconfiguration
         */
        public MessengerWebhookParser build() {
            return new MessengerWebhookParser(this);
        }
    }
}
