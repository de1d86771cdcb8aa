package dev.rapport.crm.mail.internal;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.util.BASE64DecoderStream;
import org.eclipse.angus.mail.util.QPDecoderStream;
import org.jspecify.annotations.Nullable;

/**
 * Lenient readers of MIME headers and content on top of Jakarta Mail, each of which never throws
 * for a malformed header: it falls back as RFC 2045 and RFC 2049 say.
 */
final class Mime {
    private static final Pattern TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");
    private static final Set<String> IDENTITY = Set.of("7bit", "8bit", "binary");
    private static final Set<String> UU = Set.of("uuencode", "x-uuencode", "x-uue");

    private Mime() {}

    /** A header, unfolded, its 8-bit bytes re-read as UTF-8 where they are that, stripped; or null. */
    static @Nullable String header(MimePart part, String name) {
        String value;
        try {
            value = part.getHeader(name, null);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
        if (value == null) {
            return null;
        }
        return Charsets.fixHeader8bit(MimeUtility.unfold(value)).strip();
    }

    /**
     * The content type; a missing one is text/plain (RFC 2045 5.2). An unreadable one keeps its
     * {@code type/subtype} when that much reads, and is text/plain otherwise.
     */
    static ContentType contentType(MimePart part) {
        String raw = header(part, "Content-Type");
        if (raw == null || raw.isEmpty()) {
            return new ContentType("text", "plain", null);
        }
        try {
            ContentType ct = new ContentType(raw);
            if (ct.getPrimaryType() != null
                    && ct.getSubType() != null
                    && !ct.getPrimaryType().isEmpty()) {
                return ct;
            }
        } catch (MessagingException | RuntimeException unreadable) {
            // fall through to the base type
        }
        int semi = raw.indexOf(';');
        String base = (semi < 0 ? raw : raw.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        if (TYPE.matcher(base).matches()) {
            int slash = base.indexOf('/');
            return new ContentType(base.substring(0, slash), base.substring(slash + 1), null);
        }
        return new ContentType("text", "plain", null);
    }

    static String baseType(ContentType ct) {
        return (ct.getPrimaryType() + "/" + ct.getSubType()).toLowerCase(Locale.ROOT);
    }

    /** The disposition in lower case, or null. */
    static @Nullable String disposition(MimePart part) {
        String raw = header(part, "Content-Disposition");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            String d = new ContentDisposition(raw).getDisposition();
            if (d != null) {
                return d.toLowerCase(Locale.ROOT);
            }
        } catch (MessagingException | RuntimeException unreadable) {
            // fall through
        }
        int semi = raw.indexOf(';');
        return (semi < 0 ? raw : raw.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The file name: the disposition's {@code filename}, else the type's {@code name} (RFC 2231
     * decoded by Jakarta Mail, RFC 2047 by us), without any directory, or null.
     */
    static @Nullable String fileName(MimePart part, ContentType ct) {
        String name = null;
        String raw = header(part, "Content-Disposition");
        if (raw != null) {
            try {
                name = new ContentDisposition(raw).getParameter("filename");
            } catch (MessagingException | RuntimeException unreadable) {
                name = null;
            }
        }
        if (name == null) {
            try {
                name = ct.getParameter("name");
            } catch (RuntimeException unreadable) {
                name = null;
            }
        }
        if (name == null) {
            return null;
        }
        name = Charsets.fixHeader8bit(EncodedWords.decode(name));
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = Text.clean(name.substring(cut + 1));
        return name.isEmpty() ? null : name;
    }

    /** The transfer encoding in lower case; null when absent (7bit). */
    static @Nullable String encoding(MimePart part) {
        String raw = header(part, "Content-Transfer-Encoding");
        if (raw == null) {
            return null;
        }
        int end = 0;
        while (end < raw.length()
                && !Character.isWhitespace(raw.charAt(end))
                && raw.charAt(end) != ';'
                && raw.charAt(end) != '(') {
            end++;
        }
        String e = raw.substring(0, end).toLowerCase(Locale.ROOT);
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e.isEmpty() ? null : e;
    }

    /** Whether the encoding is no encoding at all: absent, 7bit, 8bit or binary. */
    static boolean knownIdentity(@Nullable String encoding) {
        return encoding == null || IDENTITY.contains(encoding);
    }

    /** Whether this parser can undo the transfer encoding (7bit, 8bit, binary, QP, base64, uuencode). */
    static boolean knownEncoding(@Nullable String encoding) {
        return encoding == null
                || IDENTITY.contains(encoding)
                || UU.contains(encoding)
                || encoding.equals("base64")
                || encoding.equals("quoted-printable");
    }

    /** The content as sent, before transfer decoding. */
    static InputStream raw(MimePart part) throws MessagingException {
        if (part instanceof MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        throw new MessagingException("not a MIME part");
    }

    /**
     * The content, transfer-decoded: base64 ignoring corrupt input (Angus' decoder in its lenient
     * mode, whatever the system properties say), quoted-printable as Angus decodes it.
     */
    static InputStream decoded(MimePart part, @Nullable String encoding) throws MessagingException {
        InputStream raw = raw(part);
        if (encoding == null || IDENTITY.contains(encoding)) {
            return raw;
        }
        return switch (encoding) {
            case "base64" -> new BASE64DecoderStream(raw, true);
            case "quoted-printable" -> new QPDecoderStream(raw);
            default -> MimeUtility.decode(raw, encoding);
        };
    }

    /** The multipart of a part whose type is multipart/*, with parsing settings pinned. */
    static MimeMultipart multipart(MimePart part, ContentType ct) throws MessagingException {
        return new PinnedMultipart(new RawSource(part, ct.toString()));
    }

    /**
     * A MimeMultipart whose leniency does not depend on system properties: a missing end boundary
     * is tolerated, a missing boundary parameter makes the first {@code --...} line the boundary,
     * an empty multipart (no boundary line at all) is refused.
     */
    private static final class PinnedMultipart extends MimeMultipart {
        PinnedMultipart(DataSource ds) throws MessagingException {
            super(ds);
        }

        @Override
        protected void initializeProperties() {
            ignoreMissingEndBoundary = true;
            ignoreMissingBoundaryParameter = true;
            ignoreExistingBoundaryParameter = false;
            allowEmpty = false;
        }
    }

    /** A part's raw content under the content type we read (not the header, which may not parse). */
    private record RawSource(MimePart part, String type) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return raw(part);
            } catch (MessagingException e) {
                throw new IOException("no content", e);
            }
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return type;
        }

        @Override
        public String getName() {
            return "part";
        }
    }
}
