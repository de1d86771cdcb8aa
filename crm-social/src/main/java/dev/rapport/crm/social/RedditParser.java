package dev.rapport.crm.social;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import dev.rapport.crm.social.internal.JsonPayload;
import dev.rapport.crm.social.internal.Limits;
import dev.rapport.crm.social.internal.RedditMapping;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses things returned by Reddit's JSON API into inbound messages: a {@code Listing} ({@code
 * {"kind":"Listing","data":{"children":[...]}}}, as the inbox, comment and message endpoints
 * return), an array of listings (as {@code /comments/<post>} returns), or a single thing. Comments
 * ({@code t1}) and private messages ({@code t4}) are read, with the replies nested in their {@code
 * replies} listing; other kinds (posts {@code t3}, {@code more} stubs, accounts...) are skipped.
 * Immutable and thread-safe; see {@link SocialPayloadParser} for the refusal contract.
 *
 * <p>Reddit escapes {@code &}, {@code <} and {@code >} in every string as {@code &amp;}, {@code
 * &lt;} and {@code &gt;} unless the request had {@code raw_json=1}; the parser undoes that for
 * the texts it keeps (body, HTML, subject) unless told with {@link Builder#rawJson(boolean)}.
 *
 * <p>A comment ({@code t1}) becomes:
 *
 * <ul>
 *   <li>sender {@code Identity.social("reddit", author)}; channel {@code SOCIAL}; direction {@code
 *       INBOUND};
 *   <li>occurredAt {@code created_utc} (seconds since the epoch, fraction allowed);
 *   <li>subject {@code link_title} when given (the inbox gives it); body {@code body} (Markdown);
 *       html {@code body_html};
 *   <li>participants {@code FROM author}, and {@code TO r/<subreddit>} when given;
 *   <li>thread {@code reddit:<link_id>}, the post; inbox comments without a {@code link_id} take
 *       the post from their {@code context} permalink;
 *   <li>source {@code SourceRef("reddit", name)}, such as {@code t1_abc123};
 *   <li>replyTo {@code parent_id} when it names a comment or message ({@code t1_}/{@code t4_}); a
 *       top-level comment answers the post, which is not an interaction.
 * </ul>
 *
 * <p>A private message ({@code t4}) becomes: sender {@code Identity.social("reddit", author)};
 * channel {@code MESSAGING}; direction {@code INBOUND}; occurredAt {@code created_utc}; subject
 * {@code subject}; body {@code body}; html {@code body_html}; participants {@code FROM author},
 * {@code TO dest}; thread {@code reddit:<first_message_name>}, or {@code reddit:<name>} for the
 * message that starts a conversation; source {@code SourceRef("reddit", name)}; replyTo {@code
 * parent_id} as for comments. When {@link Builder#ownAccount(String)} names the business's
 * account, a message it wrote is {@code OUTBOUND} and its sender identity is {@code dest}, the
 * customer (see {@link MessengerWebhookParser} on outbound messages and {@code ingest}), and a
 * comment it wrote is skipped (its addressee is not in the payload).
 *
 * <p>Things by {@code [deleted]} or {@code [removed]} authors are skipped: there is no one to
 * identify. Required, else the payload is refused: every thing's {@code kind}; the {@code data}
 * of listings, comments and messages and a listing's {@code children}; for a comment {@code name}
 * (a {@code t1_} fullname), {@code author}, {@code body}, {@code created_utc} and {@code link_id}
 * (or a {@code context}); for a message {@code name} (a {@code t4_} fullname), {@code author},
 * {@code dest}, {@code subject}, {@code body} and {@code created_utc}. Names, authors and ids are
 * strings, not blank, at most 200 characters. Optional fields must have their type when present.
 *
 * @since 0.2
 */
public final class RedditParser implements SocialPayloadParser {
    private final JsonPayload reader;
    private final RedditMapping mapping;

    private RedditParser(Builder builder) {
        List<Violation> problems = new ArrayList<>();
        String own = builder.ownAccount == null ? null : builder.ownAccount.strip();
        if (own != null && (own.isEmpty() || own.length() > 200)) {
            problems.add(new Violation("ownAccount", "must be 1 to 200 characters"));
        }
        this.reader = Limits.reader(builder.maxPayloadBytes, builder.maxNestingDepth, problems);
        this.mapping = new RedditMapping(builder.rawJson, own);
    }

    /** @return a parser with the default settings */
    public static RedditParser create() {
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
     * Configures a {@link RedditParser}; {@link #build()} reports every problem at once. Not
     * thread-safe.
     *
     * @since 0.2
     */
    public static final class Builder {
        private int maxPayloadBytes = Limits.DEFAULT_MAX_BYTES;
        private int maxNestingDepth = Limits.DEFAULT_MAX_DEPTH;
        private boolean rawJson;
        private @Nullable String ownAccount;

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
         *     128 (each level of replies in a comment tree takes 5)
         * @return this builder
         */
        public Builder maxNestingDepth(int depth) {
            this.maxNestingDepth = depth;
            return this;
        }

        /**
         * @param raw true if the payloads were fetched with {@code raw_json=1}, so their strings are
         *     not escaped; default false, Reddit's default
         * @return this builder
         */
        public Builder rawJson(boolean raw) {
            this.rawJson = raw;
            return this;
        }

        /**
         * @param account the business's own Reddit account name, compared ignoring case, or null
         *     (the default) if the payloads hold nothing it wrote
         * @return this builder
         */
        public Builder ownAccount(@Nullable String account) {
            this.ownAccount = account;
            return this;
        }

        /**
         * @return the parser
         * @throws ValidationException listing every misconfiguration
         */
        public RedditParser build() {
            return new RedditParser(this);
        }
    }
}
