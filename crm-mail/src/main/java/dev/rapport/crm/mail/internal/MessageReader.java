package dev.rapport.crm.mail.internal;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.ParticipantRole;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParsePosition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one raw message into an {@link InboundMessage}; the engine of {@code MailParser}.
 * Immutable and thread-safe. Not API.
 */
public final class MessageReader {
    private static final Logger log = LoggerFactory.getLogger(MessageReader.class);

    static final int MAX_SENDER_NAME = 200;
    static final int MAX_SUBJECT = 1_000;
    static final int MAX_PARTICIPANTS = 100;
    static final int MAX_ADDRESS = 320;
    static final int MAX_ATTACHMENTS = 100;
    static final int MAX_REPLY_TO = 100;
    static final int MAX_EXTERNAL_ID = dev.rapport.crm.model.activity.SourceRef.MAX_EXTERNAL_ID;

    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>]*)>");

    private final String source;
    private final @Nullable Duration subjectWindow;
    private final int maxMessageBytes;
    private final int maxBodyLength;
    private final Session session;

    /**
     * @param source the source system, already checked
     * @param subjectWindow the subject threading window, or null
     * @param maxMessageBytes the size limit
     * @param maxBodyLength the body and html limit, in characters
     */
    public MessageReader(String source, @Nullable Duration subjectWindow, int maxMessageBytes, int maxBodyLength) {
        this.source = source;
        this.subjectWindow = subjectWindow;
        this.maxMessageBytes = maxMessageBytes;
        this.maxBodyLength = maxBodyLength;
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.allowutf8", "false"); // headers as bytes; Charsets.fixHeader8bit decides
        this.session = Session.getInstance(props);
    }

    /**
     * @param raw the message
     * @return the inbound message
     * @throws ValidationException if refused; nothing else escapes
     */
    public InboundMessage read(byte[] raw) {
        if (raw.length == 0) {
            throw refuse(raw, ValidationException.of("message", "is empty"));
        }
        if (raw.length > maxMessageBytes) {
            throw refuse(
                    raw,
                    ValidationException.of("message", "is larger than the limit of " + maxMessageBytes + " bytes"));
        }
        try {
            return map(raw);
        } catch (ValidationException e) {
            throw refuse(raw, e);
        } catch (MessagingException | RuntimeException e) {
            log.debug(
                    "mail stack failed on a {}-byte message: {}",
                    raw.length,
                    e.getClass().getName());
            throw refuse(raw, ValidationException.of("message", "could not be parsed as an RFC 5322 message"));
        }
    }

    private static ValidationException refuse(byte[] raw, ValidationException e) {
        if (log.isDebugEnabled()) {
            log.debug(
                    "refused a {}-byte message: {}",
                    raw.length,
                    e.violations().stream().map(Violation::path).toList());
        }
        return e;
    }

    private InboundMessage map(byte[] raw) throws MessagingException {
        MimeMessage msg = new MimeMessage(session, new SharedByteArrayInputStream(raw));
        List<Violation> violations = new ArrayList<>();

        List<InternetAddress> from = from(msg, violations);
        MimeWalker.Content content = null;
        try {
            content = MimeWalker.walk(msg);
        } catch (ValidationException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        InternetAddress sender = from.get(0);

        String messageId = messageId(Mime.header(msg, "Message-ID"));
        String externalId = messageId != null ? messageId : "sha256:" + sha256(raw);

        NewInteraction.Builder b = NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                .occurredAt(date(msg))
                .subject(subject(msg))
                .source(source, externalId);
        for (Map.Entry<String, ParticipantRole> p : participants(msg, from).entrySet()) {
            b.participant(p.getValue(), p.getKey().substring(p.getKey().indexOf(':') + 1));
        }
        body(content, b);
        List<Attachment> attachments = content.attachments;
        if (attachments.size() > MAX_ATTACHMENTS) {
            log.debug("kept {} of {} attachments", MAX_ATTACHMENTS, attachments.size());
        }
        attachments.stream().limit(MAX_ATTACHMENTS).forEach(b::attachment);

        List<String> replyTo = replyTo(msg, messageId);
        InboundMessage message = new InboundMessage(
                Identity.email(sender.getAddress()), senderName(sender), b.build(), replyTo, subjectWindow);
        log.debug(
                "parsed a {}-byte message: {} parts, {} attachments, {} reply ids, message id {}",
                raw.length,
                content.parts,
                Math.min(attachments.size(), MAX_ATTACHMENTS),
                replyTo.size(),
                messageId != null ? "given" : "derived");
        return message;
    }

    private static List<InternetAddress> from(MimeMessage msg, List<Violation> violations) {
        String raw = Mime.header(msg, "From");
        if (raw == null || raw.isBlank()) {
            violations.add(new Violation("from", "is missing"));
            return List.of();
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(raw, true);
        } catch (AddressException | RuntimeException e) {
            violations.add(new Violation("from", "is not a readable address list"));
            return List.of();
        }
        List<InternetAddress> mailboxes = new ArrayList<>();
        for (InternetAddress a : expand(parsed)) {
            if (validMailbox(a)) {
                mailboxes.add(a);
            }
        }
        if (mailboxes.isEmpty()) {
            violations.add(new Violation("from", "holds no valid mailbox address"));
        }
        return mailboxes;
    }

    private static boolean validMailbox(InternetAddress a) {
        String address = a.getAddress();
        if (address == null || address.isBlank() || address.length() > MAX_ADDRESS) {
            return false;
        }
        try {
            a.validate();
        } catch (AddressException | RuntimeException e) {
            return false;
        }
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1;
    }

    private static List<InternetAddress> expand(InternetAddress[] addresses) {
        List<InternetAddress> out = new ArrayList<>();
        for (InternetAddress a : addresses) {
            if (a.isGroup()) {
                try {
                    InternetAddress[] members = a.getGroup(false);
                    if (members != null) {
                        out.addAll(List.of(members));
                    }
                } catch (AddressException | RuntimeException unreadable) {
                    // an unreadable group names no one
                }
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static @Nullable String senderName(InternetAddress sender) {
        String personal;
        try {
            personal = sender.getPersonal();
        } catch (RuntimeException e) {
            personal = null;
        }
        if (personal == null) {
            return null;
        }
        String name = Text.clean(EncodedWords.decode(Charsets.fixHeader8bit(personal)));
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        if (name.isEmpty() || name.equalsIgnoreCase(sender.getAddress())) {
            return null;
        }
        return Text.truncate(name, MAX_SENDER_NAME);
    }

    /** FROM mailboxes, then To and Cc; keys {@code role:address-lower-cased}... kept in order. */
    private static Map<String, ParticipantRole> participants(MimeMessage msg, List<InternetAddress> from) {
        Map<String, ParticipantRole> out = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (InternetAddress a : from) {
            add(out, seen, ParticipantRole.FROM, a.getAddress());
        }
        addHeader(msg, "To", ParticipantRole.TO, out, seen);
        addHeader(msg, "Cc", ParticipantRole.CC, out, seen);
        return out;
    }

    private static void addHeader(
            MimeMessage msg, String header, ParticipantRole role, Map<String, ParticipantRole> out, Set<String> seen) {
        String raw;
        try {
            raw = msg.getHeader(header, ",");
        } catch (MessagingException | RuntimeException e) {
            return;
        }
        if (raw == null || raw.isBlank()) {
            return;
        }
        raw = Charsets.fixHeader8bit(jakarta.mail.internet.MimeUtility.unfold(raw));
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(raw, false);
        } catch (AddressException | RuntimeException unreadable) {
            log.debug("skipped an unreadable {} header", header);
            return;
        }
        for (InternetAddress a : expand(parsed)) {
            add(out, seen, role, a.getAddress());
        }
    }

    private static void add(
            Map<String, ParticipantRole> out, Set<String> seen, ParticipantRole role, @Nullable String address) {
        if (address == null || out.size() >= MAX_PARTICIPANTS) {
            return;
        }
        String a = address.strip();
        if (a.isEmpty() || a.length() > MAX_ADDRESS || !a.equals(Text.clean(a)) || a.indexOf(' ') >= 0) {
            return;
        }
        String key = role + ":" + a;
        if (seen.add(role + ":" + a.toLowerCase(Locale.ROOT))) {
            out.put(key, role);
        }
    }

    private static @Nullable String subject(MimeMessage msg) {
        String raw = Mime.header(msg, "Subject");
        if (raw == null) {
            return null;
        }
        String subject = Text.clean(EncodedWords.decode(raw));
        return subject.isEmpty() ? null : Text.truncate(subject, MAX_SUBJECT);
    }

    private static @Nullable Instant date(MimeMessage msg) {
        String raw = Mime.header(msg, "Date");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            Date d = new MailDateFormat().parse(raw, new ParsePosition(0));
            if (d == null) {
                return null;
            }
            Instant at = d.toInstant();
            int year = at.atOffset(ZoneOffset.UTC).getYear();
            return year >= 1000 && year <= 9999 ? at : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The first id of a Message-ID header, without angle brackets; null when none is usable. */
    static @Nullable String messageId(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        List<String> ids = ids(raw);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /**
     * The ids in a header, in order, without angle brackets or whitespace; when no bracketed id is
     * there, the whitespace-separated tokens holding an {@code @}. Ids over 512 characters are
     * dropped.
     */
    static List<String> ids(String raw) {
        List<String> ids = new ArrayList<>();
        Matcher m = ANGLE_ID.matcher(raw);
        while (m.find()) {
            addId(ids, m.group(1));
        }
        if (ids.isEmpty() && raw.indexOf('<') < 0) {
            for (String token : raw.split("[\\s,]+")) {
                if (token.indexOf('@') > 0) {
                    addId(ids, token);
                }
            }
        }
        return ids;
    }

    private static void addId(List<String> ids, String candidate) {
        StringBuilder sb = new StringBuilder(candidate.length());
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
                sb.append(c);
            }
        }
        String id = sb.toString();
        if (!id.isEmpty() && id.length() <= MAX_EXTERNAL_ID) {
            ids.add(id);
        }
    }

    private static List<String> replyTo(MimeMessage msg, @Nullable String ownId) {
        Set<String> out = new LinkedHashSet<>();
        String inReplyTo = Mime.header(msg, "In-Reply-To");
        if (inReplyTo != null) {
            out.addAll(ids(inReplyTo));
        }
        String references = Mime.header(msg, "References");
        if (references != null) {
            List<String> refs = ids(references);
            for (int i = refs.size() - 1; i >= 0; i--) {
                out.add(refs.get(i));
            }
        }
        if (ownId != null) {
            out.remove(ownId);
        }
        return out.stream().limit(MAX_REPLY_TO).toList();
    }

    private void body(MimeWalker.Content content, NewInteraction.Builder b) {
        String text = join(content.texts, "\n\n");
        String html = content.htmls.isEmpty() ? null : join(content.htmls, "\n");
        if (text.isEmpty() && html != null) {
            text = HtmlText.toText(html);
        }
        if (text.length() > maxBodyLength) {
            log.debug("cut a body of {} characters to {}", text.length(), maxBodyLength);
            text = Text.truncate(text, maxBodyLength);
        }
        if (html != null && html.length() > maxBodyLength) {
            log.debug("dropped an html body of {} characters", html.length());
            html = null;
        }
        b.body(text).html(html);
    }

    private static String join(List<String> parts, String separator) {
        return String.join(separator, parts.stream().filter(s -> !s.isEmpty()).toList());
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
