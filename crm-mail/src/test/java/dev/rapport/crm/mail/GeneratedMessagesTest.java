package dev.rapport.crm.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.SourceRef;
import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Builds many messages with Jakarta Mail from a seed (random subjects, names and bodies in several
 * charsets and transfer encodings, random nesting of mixed, alternative and related multiparts, with
 * attachments), serialises them with {@link MimeMessage#writeTo}, parses them back and checks that
 * subject, sender name, body, html and attachments round-trip. The seed is printed on failure;
 * {@code -Drapport.seed=N} replays it.
 */
class GeneratedMessagesTest {
    private static final long SEED = Long.getLong("rapport.seed", System.nanoTime());
    private static final int MESSAGES = 150;

    /** A charset with words it can encode, and the transfer encodings that suit it. */
    private record Script(String charset, List<String> words, List<String> encodings) {}

    private static final List<Script> SCRIPTS = List.of(
            new Script(
                    "UTF-8",
                    List.of("hello", "Grüße", "naïve", "café", "日本語", "Привет", "emoji🙂", "€10", "ok", "done."),
                    List.of("8bit", "quoted-printable", "base64")),
            new Script(
                    "ISO-8859-1",
                    List.of("Straße", "über", "déjà", "vu", "niño", "Ærø", "£5", "«quote»", "and", "then"),
                    List.of("8bit", "quoted-printable", "base64")),
            new Script(
                    "windows-1252",
                    List.of("“smart”", "‘quotes’", "€99", "dash–dash", "ellipsis…", "œuvre", "plain", "text"),
                    List.of("8bit", "quoted-printable", "base64")),
            new Script(
                    "ISO-2022-JP",
                    List.of("注文", "ありがとう", "ございます", "確認", "お願いします", "1042", "です"),
                    List.of("7bit", "base64")),
            new Script(
                    "Shift_JIS",
                    List.of("請求書", "カタカナ", "ひらがな", "日本", "送料", "42", "円"),
                    List.of("8bit", "quoted-printable", "base64")),
            new Script(
                    "KOI8-R",
                    List.of("Здравствуйте", "заказ", "доставка", "спасибо", "номер", "7", "рублей"),
                    List.of("8bit", "quoted-printable", "base64")),
            new Script("US-ASCII", List.of("plain", "ascii", "words", "only", "here", "42"), List.of("7bit")));

    private static final List<String> ATTACHMENT_TYPES =
            List.of("application/pdf", "image/png", "image/jpeg", "application/zip", "text/csv", "message/rfc822");
    private static final List<String> FILE_NAMES =
            List.of("report.pdf", "photo 1.png", "Résumé.pdf", "請求書.pdf", "данные.zip", "a;b=c.txt", "x.csv");

    private final Session session = Session.getInstance(new Properties());
    private final MailParser parser = MailParser.create();

    /** What the parser should find. */
    private static final class Expected {
        final List<String> texts = new ArrayList<>();
        final List<String> htmls = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();
    }

    @Test
    void generatedMessages_roundTrip() throws Exception {
        for (int n = 0; n < MESSAGES; n++) {
            long seed = SEED + n;
            Random r = new Random(seed);
            Expected expected = new Expected();

            MimeMessage msg = new FixedIdMessage(session, "gen-" + seed + "@example.test");
            Script nameScript = pick(r, SCRIPTS);
            String personal = words(r, nameScript, 1 + r.nextInt(3));
            msg.setFrom(new InternetAddress("sender" + n + "@example.test", personal, nameScript.charset()));
            msg.setRecipients(Message.RecipientType.TO, "support@rapport.test");
            Script subjectScript = pick(r, SCRIPTS);
            String subject = words(r, subjectScript, 1 + r.nextInt(r.nextBoolean() ? 4 : 30));
            msg.setSubject(subject, subjectScript.charset());
            Instant sent = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000));
            msg.setSentDate(Date.from(sent));
            fill(msg, r, expected, 0);
            msg.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            msg.writeTo(out);
            byte[] raw = out.toByteArray();

            InboundMessage m = parser.parse(raw);

            String at = "seed " + seed + " (run with -Drapport.seed=" + seed + "), message:\n"
                    + new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(m.sender()).as(at).isEqualTo(Identity.email("sender" + n + "@example.test"));
            assertThat(m.senderName()).as(at).isEqualTo(personal);
            assertThat(m.interaction().subject()).as(at).isEqualTo(subject);
            assertThat(m.interaction().occurredAt()).as(at).isEqualTo(sent.truncatedTo(ChronoUnit.SECONDS));
            assertThat(m.interaction().source())
                    .as(at)
                    .isEqualTo(new SourceRef("email", "gen-" + seed + "@example.test"));
            String body = String.join("\n\n", expected.texts);
            assertThat(m.interaction().body()).as(at).isEqualTo(body);
            assertThat(m.interaction().html())
                    .as(at)
                    .isEqualTo(expected.htmls.isEmpty() ? null : String.join("\n", expected.htmls));
            assertThat(m.interaction().attachments()).as(at).containsExactlyElementsOf(expected.attachments);
        }
    }

    /** Fills a part with a body: a text leaf, or a multipart of random shape. */
    private void fill(Part part, Random r, Expected expected, int depth) throws MessagingException {
        int shape = depth >= 3 ? 0 : r.nextInt(5);
        switch (shape) {
            case 0 -> text(part, r, expected.texts, "plain");
            case 1 -> { // alternative: text then html (or html in a related with an inline image)
                MimeMultipart alt = new MimeMultipart("alternative");
                alt.addBodyPart(leaf(p -> text(p, r, expected.texts, "plain")));
                if (r.nextBoolean()) {
                    alt.addBodyPart(leaf(p -> text(p, r, expected.htmls, "html")));
                } else {
                    MimeMultipart related = new MimeMultipart("related");
                    related.addBodyPart(leaf(p -> text(p, r, expected.htmls, "html")));
                    related.addBodyPart(leaf(p -> attachment(p, r, expected, "inline")));
                    alt.addBodyPart(leaf(p -> p.setContent(related)));
                }
                part.setContent(alt);
            }
            default -> { // mixed: a body and attachments, perhaps a nested multipart
                MimeMultipart mixed = new MimeMultipart(r.nextInt(4) == 0 ? "related" : "mixed");
                mixed.addBodyPart(leaf(p -> fill(p, r, expected, depth + 1)));
                int attachments = r.nextInt(4);
                for (int i = 0; i < attachments; i++) {
                    mixed.addBodyPart(leaf(p -> attachment(p, r, expected, r.nextBoolean() ? "attachment" : "inline")));
                }
                part.setContent(mixed);
            }
        }
    }

    private interface Filler {
        void fill(MimeBodyPart part) throws MessagingException;
    }

    private static BodyPart leaf(Filler filler) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        filler.fill(p);
        return p;
    }

    private static void text(Part part, Random r, List<String> into, String subtype) throws MessagingException {
        Script script = pick(r, SCRIPTS);
        StringBuilder text = new StringBuilder();
        int lines = 1 + r.nextInt(8);
        for (int i = 0; i < lines; i++) {
            if (i > 0) {
                text.append(r.nextInt(4) == 0 ? "\n\n" : "\n");
            }
            text.append(words(r, script, 1 + r.nextInt(r.nextInt(5) == 0 ? 60 : 12)));
        }
        String content =
                subtype.equals("html") ? "<p>" + text.toString().replace("\n", "<br>\n") + "</p>" : text.toString();
        ((jakarta.mail.internet.MimePart) part).setText(content, script.charset(), subtype);
        part.setHeader("Content-Transfer-Encoding", pick(r, script.encodings()));
        into.add(content);
    }

    private static void attachment(Part part, Random r, Expected expected, String disposition)
            throws MessagingException {
        byte[] data = new byte[r.nextInt(3000)];
        r.nextBytes(data);
        String type = disposition.equals("inline") ? "image/png" : pick(r, ATTACHMENT_TYPES);
        String name = r.nextInt(5) == 0 && disposition.equals("attachment") ? null : pick(r, FILE_NAMES);
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(data, type)));
        part.setDisposition(disposition);
        if (name != null) {
            part.setFileName(name);
        }
        boolean qp = r.nextBoolean();
        if (qp) { // quoted-printable canonicalises line breaks (RFC 2045 6.7), so binary keeps none
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\r' || data[i] == '\n') {
                    data[i] = 0;
                }
            }
        }
        part.setHeader("Content-Transfer-Encoding", qp ? "quoted-printable" : "base64");
        expected.attachments.add(new Attachment(name, type, data.length, null));
    }

    private static String words(Random r, Script script, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(pick(r, script.words()));
        }
        String s = sb.toString();
        assert Charset.forName(script.charset()).newEncoder().canEncode(s) : s;
        return s;
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** Keeps Jakarta Mail from making up a Message-ID (which would look up the local host name). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + ">");
        }
    }
}
