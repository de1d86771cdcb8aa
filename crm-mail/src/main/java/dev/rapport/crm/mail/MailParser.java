package dev.rapport.crm.mail;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.mail.internal.MessageReader;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses a raw RFC 5322 email message into an {@link InboundMessage} that {@code
 * crm.interactions().ingest(message)} resolves, threads and stores:
 *
 * <pre>{@code
 * MailParser parser = MailParser.builder()
 *         .source("email")
 *         .subjectThreadingWindow(Duration.ofDays(14))
 *         .maxMessageBytes(25 << 20)
 *         .build();
 * InboundMessage message = parser.parse(rawBytes);
 * crm.interactions().ingest(message);
 * }</pre>
 *
 * <h2>What comes out</h2>
 *
 * <ul>
 *   <li>{@code sender}: the first mailbox of {@code From}, as {@code Identity.email(address)};
 *       {@code senderName} its display name, RFC 2047 decoded, at most 200 characters, or null.
 *   <li>Participants: every {@code From} mailbox as {@code FROM}, then {@code To} as {@code TO} and
 *       {@code Cc} as {@code CC} (groups expanded, duplicates dropped, at most 100 in all).
 *       Recipient addresses that cannot be read are skipped, never refused.
 *   <li>Subject: RFC 2047 decoded in any charset Java knows, whitespace collapsed, at most 1,000
 *       characters, or null.
 *   <li>{@code occurredAt}: the {@code Date} header; null when it is missing, unreadable or
 *       outside the years 1000 to 9999, so that the engine uses its clock.
 *   <li>Source: {@code SourceRef(source, Message-ID without angle brackets)}; a message without a
 *       usable Message-ID (missing, blank, over 512 characters) gets {@code sha256:<hex of the raw
 *       bytes>}, so that ingesting the same bytes twice stays idempotent.
 *   <li>{@code replyTo}: the ids of {@code In-Reply-To}, then of {@code References} from last to
 *       first, without angle brackets, each once, at most 100.
 *   <li>Body: the text/plain parts (joined by a blank line) in {@code body}, the text/html parts in
 *       {@code html}, as sent (not sanitised). A message with HTML only gets the HTML's readable
 *       text as body. Line ends are {@code \n}; {@code format=flowed} text is unwrapped. Both are
 *       cut to {@link Builder#maxBodyLength(int)}; an HTML part over it is dropped.
 *   <li>Attachments: metadata only (file name, base content type in lower case, decoded size). A
 *       part is an attachment when its disposition is {@code attachment}, when it is anything but
 *       text/plain or text/html (images, PDFs, forwarded {@code message/rfc822}, calendars), or when
 *       it is inline but has a file name. At most 100.
 *   <li>Channel {@code EMAIL}, direction {@code INBOUND}, customer unset, {@code subjectWindow}
 *       from the builder.
 * </ul>
 *
 * <h2>Leniency and refusal</h2>
 *
 * <p>Charsets: a declared charset that Java supports is used (undecodable bytes become U+FFFD); a
 * missing, {@code us-ascii}-declared or unknown charset is read as UTF-8 when the bytes are valid
 * UTF-8, else as ISO-8859-1; ISO-8859-1 text with bytes in 0x80&ndash;0x9F is read as
 * windows-1252, as browsers do. Corrupt base64 is decoded as far as it goes. A part with a
 * Content-Transfer-Encoding other than 7bit, 8bit, binary, quoted-printable, base64 or uuencode is,
 * as RFC 2049 says, an {@code application/octet-stream} attachment of unknown size. A multipart
 * without a boundary parameter is split at its first delimiter-looking line ({@code --...}).
 *
 * <p>A message is refused with a {@link ValidationException} when it is empty or larger than
 * {@link Builder#maxMessageBytes(int)} (path {@code message}), has no {@code From} or no valid
 * mailbox in it ({@code from}), or has a multipart that cannot be split or that nests more than 32
 * levels ({@code body}, or {@code body.1.2} for a nested part, numbered as IMAP does). Reasons never
 * repeat addresses or content. Nothing but a {@code ValidationException} ever comes out of {@code
 * parse}, and never a partial result.
 *
 * <p>Instances are immutable and thread-safe; one parser can serve every thread.
 *
 * <p>Speed: Jakarta Mail looks its {@code StreamProvider} up through {@code ServiceLoader} for
 * every part it creates, which dominates parsing small multipart messages. An application that
 * parses many can set the system property {@code
 * jakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider} at start-up to
 * skip the search; the parser itself never sets system properties or class loaders.
 *
 * @since 0.2
 */
public final class MailParser {
    /** The default source system name, {@value}. */
    public static final String DEFAULT_SOURCE = "email";

    /** The default size limit of a raw message, 25 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 25 << 20;

    /** The default limit of body and html, in characters: 1,000,000, the engine's default. */
    public static final int DEFAULT_MAX_BODY_LENGTH = 1_000_000;

    private static final Pattern SOURCE = Pattern.compile("[a-z0-9._-]{1,64}");

    private final String source;
    private final @Nullable Duration subjectThreadingWindow;
    private final int maxMessageBytes;
    private final int maxBodyLength;
    private final MessageReader reader;

    private MailParser(Builder b, String source) {
        this.source = source;
        this.subjectThreadingWindow = b.subjectThreadingWindow;
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxBodyLength = b.maxBodyLength;
        this.reader = new MessageReader(source, subjectThreadingWindow, maxMessageBytes, maxBodyLength);
    }

    /** @return a builder with the defaults: source {@code email}, no subject threading, 25 MiB */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a parser with the defaults of {@link #builder()} */
    public static MailParser create() {
        return builder().build();
    }

    /**
     * Parses a raw message.
     *
     * @param raw the message as received, headers and body, in any line-ending convention
     * @return the inbound message
     * @throws ValidationException if the message is refused; its violations name the header or part
     */
    public InboundMessage parse(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        return reader.read(raw);
    }

    /**
     * Reads a raw message to its end, at most {@code maxMessageBytes + 1} bytes, and parses it. The
     * stream is not closed.
     *
     * @param in the message as received
     * @return the inbound message
     * @throws ValidationException if the message is refused, or if the stream fails while being read
     *     (path {@code message})
     */
    public InboundMessage parse(InputStream in) {
        Objects.requireNonNull(in, "in");
        byte[] raw;
        try {
            raw = in.readNBytes(maxMessageBytes == Integer.MAX_VALUE ? maxMessageBytes : maxMessageBytes + 1);
        } catch (IOException | RuntimeException e) {
            throw ValidationException.of("message", "could not be read from the stream");
        }
        return reader.read(raw);
    }

    /** @return the source system name put in every {@code SourceRef} */
    public String source() {
        return source;
    }

    /** @return how far back the engine threads by subject, if it does */
    public Optional<Duration> subjectThreadingWindow() {
        return Optional.ofNullable(subjectThreadingWindow);
    }

    /** @return the largest raw message accepted, in bytes */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** @return the largest body and html kept, in characters */
    public int maxBodyLength() {
        return maxBodyLength;
    }

    @Override
    public String toString() {
        return "MailParser[source=" + source + ", subjectThreadingWindow=" + subjectThreadingWindow
                + ", maxMessageBytes=" + maxMessageBytes + ", maxBodyLength=" + maxBodyLength + "]";
    }

    /**
     * Configures a {@link MailParser}. Setters accept anything; {@link #build()} checks every
     * setting and reports all problems at once. Not thread-safe; each {@code build()} copies.
     *
     * @since 0.2
     */
    public static final class Builder {
        private @Nullable String source = DEFAULT_SOURCE;
        private @Nullable Duration subjectThreadingWindow;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxBodyLength = DEFAULT_MAX_BODY_LENGTH;

        private Builder() {}

        /**
         * @param name the source system of the {@code SourceRef}s, trimmed and lower-cased, 1 to 64
         *     characters of {@code a-z 0-9 . _ -}; default {@code email}. Parsers feeding one
         *     tenant from several mailboxes that may see the same message should share a name, so
         *     that it is stored once.
         * @return this builder
         */
        public Builder source(@Nullable String name) {
            this.source = name;
            return this;
        }

        /**
         * @param window how far back the engine looks for an earlier message with the same subject
         *     to thread with, positive; null (the default) to thread by headers only
         * @return this builder
         */
        public Builder subjectThreadingWindow(@Nullable Duration window) {
            this.subjectThreadingWindow = window;
            return this;
        }

        /**
         * @param bytes the largest raw message accepted, at least 1; default 25 MiB. Larger messages
         *     are refused before any parsing.
         * @return this builder
         */
        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * @param chars the longest body and html kept, in characters, at least 1; default
         *     1,000,000. Set it to the engine's {@code maxBodyLength} so that long messages are cut
         *     here rather than refused there.
         * @return this builder
         */
        public Builder maxBodyLength(int chars) {
            this.maxBodyLength = chars;
            return this;
        }

        /**
         * @return the parser
         * @throws ValidationException listing every invalid setting
         */
        public MailParser build() {
            List<Violation> violations = new ArrayList<>();
            String name = source == null ? null : source.strip().toLowerCase(Locale.ROOT);
            if (name == null) {
                violations.add(new Violation("source", "is required"));
            } else if (!SOURCE.matcher(name).matches()) {
                violations.add(new Violation("source", "must be 1 to 64 characters of a-z 0-9 . _ -"));
            }
            if (subjectThreadingWindow != null
                    && (subjectThreadingWindow.isZero() || subjectThreadingWindow.isNegative())) {
                violations.add(new Violation("subjectThreadingWindow", "must be positive, or null for none"));
            }
            if (maxMessageBytes < 1) {
                violations.add(new Violation("maxMessageBytes", "must be at least 1"));
            }
            if (maxBodyLength < 1) {
                violations.add(new Violation("maxBodyLength", "must be at least 1"));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException(violations);
            }
            return new MailParser(this, Objects.requireNonNull(name));
        }
    }
}
