package dev.rapport.crm.mail.internal;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.Attachment;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Walks a message's MIME tree and collects its text, its HTML and its attachments' metadata.
 *
 * <p>A leaf is an attachment when its disposition is {@code attachment}, when it is anything but
 * text/plain or text/html, or when it has a file name; otherwise its text is kept. Of a
 * multipart/alternative, the last plain-text branch gives the text and the last branch holding HTML
 * gives the HTML (RFC 2046: the last is the preferred); branches holding neither (a calendar) add
 * their attachments. A leaf whose transfer encoding is unknown is an application/octet-stream
 * attachment of unknown size (RFC 2049).
 */
final class MimeWalker {
    static final int MAX_DEPTH = 32;

    /** What a subtree holds. */
    static final class Content {
        final List<String> texts = new ArrayList<>();
        final List<String> htmls = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();
        int parts;

        void addAll(Content other) {
            texts.addAll(other.texts);
            htmls.addAll(other.htmls);
            attachments.addAll(other.attachments);
            parts += other.parts;
        }

        boolean hasText() {
            return !texts.isEmpty() || !htmls.isEmpty();
        }
    }

    private MimeWalker() {}

    /**
     * @param root the message
     * @return its content
     * @throws ValidationException naming the part ({@code body}, {@code body.1.2}) that cannot be read
     */
    static Content walk(MimePart root) {
        Content c = new Content();
        walk(root, "body", 0, c);
        return c;
    }

    private static void walk(MimePart part, String path, int depth, Content into) {
        into.parts++;
        ContentType ct = Mime.contentType(part);
        String primary = ct.getPrimaryType().toLowerCase(Locale.ROOT);
        if (primary.equals("multipart")) {
            if (depth >= MAX_DEPTH) {
                throw ValidationException.of(path, "nests multiparts more than " + MAX_DEPTH + " levels deep");
            }
            List<MimePart> children = children(part, ct, path);
            if (ct.getSubType().equalsIgnoreCase("alternative")) {
                alternative(children, path, depth, into);
            } else {
                for (int i = 0; i < children.size(); i++) {
                    walk(children.get(i), path + "." + (i + 1), depth + 1, into);
                }
            }
            return;
        }
        leaf(part, ct, into);
    }

    private static List<MimePart> children(MimePart part, ContentType ct, String path) {
        try {
            MimeMultipart mp = Mime.multipart(part, ct);
            int n = mp.getCount();
            List<MimePart> children = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                children.add((MimePart) mp.getBodyPart(i));
            }
            return children;
        } catch (MessagingException | RuntimeException e) {
            throw ValidationException.of(
                    path, "is a multipart that cannot be split into parts (no boundary line found)");
        }
    }

    private static void alternative(List<MimePart> children, String path, int depth, Content into) {
        List<Content> branches = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Content branch = new Content();
            walk(children.get(i), path + "." + (i + 1), depth + 1, branch);
            branches.add(branch);
        }
        Content plain = null;
        Content html = null;
        for (Content b : branches) {
            if (!b.htmls.isEmpty()) {
                html = b;
            } else if (!b.texts.isEmpty()) {
                plain = b;
            }
        }
        if (plain == null && html != null && !html.texts.isEmpty()) {
            plain = html;
        }
        into.parts += branches.stream().mapToInt(b -> b.parts).sum();
        for (Content b : branches) {
            if (b == plain) {
                into.texts.addAll(b.texts);
            }
            if (b == html) {
                into.htmls.addAll(b.htmls);
            }
            if (b == plain || b == html || !b.hasText()) {
                into.attachments.addAll(b.attachments);
            }
        }
    }

    private static void leaf(MimePart part, ContentType ct, Content into) {
        String base = Mime.baseType(ct);
        String encoding = Mime.encoding(part);
        if (ct.getPrimaryType().equalsIgnoreCase("message") && !Mime.knownIdentity(encoding)) {
            // RFC 2046 5.2.1 allows only 7bit, 8bit and binary here; Jakarta Mail writes such parts
            // unencoded whatever they declare, and reads them so: so do we
            encoding = null;
        }
        String fileName = Mime.fileName(part, ct);
        if (!Mime.knownEncoding(encoding)) {
            into.attachments.add(new Attachment(fileName, "application/octet-stream", -1, null));
            return;
        }
        boolean textual = base.equals("text/plain") || base.equals("text/html");
        if ("attachment".equals(Mime.disposition(part)) || !textual || fileName != null) {
            into.attachments.add(new Attachment(fileName, base, size(part, encoding), null));
            return;
        }
        byte[] bytes;
        try (InputStream in = Mime.decoded(part, encoding)) {
            bytes = in.readAllBytes();
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            // an undecodable text part is kept as an attachment rather than refusing the message
            into.attachments.add(new Attachment(fileName, base, -1, null));
            return;
        }
        String text = Text.normalizeBody(Charsets.decode(bytes, parameter(ct, "charset")));
        if (base.equals("text/html")) {
            into.htmls.add(text);
        } else {
            if ("flowed".equalsIgnoreCase(parameter(ct, "format"))) {
                text = Text.unflow(text, "yes".equalsIgnoreCase(parameter(ct, "delsp")))
                        .stripTrailing();
            }
            into.texts.add(text);
        }
    }

    private static long size(MimePart part, @Nullable String encoding) {
        try (InputStream in = Mime.decoded(part, encoding)) {
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
            return total;
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    private static @Nullable String parameter(ContentType ct, String name) {
        try {
            String v = ct.getParameter(name);
            return v == null ? null : v.strip();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
