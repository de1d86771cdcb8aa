package dev.rapport.crm.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Participant;
import dev.rapport.crm.model.activity.ParticipantRole;
import dev.rapport.crm.model.activity.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MailParserTest {
    private static final Duration WINDOW = Duration.ofDays(14);
    private final MailParser parser = MailParser.builder()
            .source("email")
            .subjectThreadingWindow(WINDOW)
            .maxMessageBytes(25 << 20)
            .build();

    static byte[] resource(String name) {
        try (InputStream in = MailParserTest.class.getResourceAsStream("messages/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test message " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InboundMessage parse(String name) {
        return parser.parse(resource(name));
    }

    private ValidationException refusal(MailParser p, byte[] raw) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> p.parse(raw));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Nested
    @DisplayName("headers")
    class Headers {
        @Test
        void plainAscii_mapsEveryField() {
            InboundMessage m = parse("plain-ascii.eml");
            NewInteraction i = m.interaction();

            assertThat(m.sender()).isEqualTo(Identity.email("ada@example.com"));
            assertThat(m.senderName()).isEqualTo("Ada Lovelace");
            assertThat(m.replyTo()).isEmpty();
            assertThat(m.subjectWindow()).isEqualTo(WINDOW);
            assertThat(i.customer()).isNull();
            assertThat(i.channel()).isEqualTo(Channel.EMAIL);
            assertThat(i.direction()).isEqualTo(Direction.INBOUND);
            assertThat(i.subject()).isEqualTo("Delivery date for order 1042");
            assertThat(i.occurredAt()).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
            assertThat(i.source()).isEqualTo(new SourceRef("email", "20261201101500.4f2a@mail.example.com"));
            assertThat(i.participants())
                    .containsExactly(
                            Participant.of(ParticipantRole.FROM, "ada@example.com"),
                            Participant.of(ParticipantRole.TO, "support@rapport.test"),
                            Participant.of(ParticipantRole.TO, "sales@rapport.test"),
                            Participant.of(ParticipantRole.CC, "charles@example.com"));
            assertThat(i.body()).isEqualTo("Hello,\n\nwhen will order 1042 be delivered?\n\nThanks,\nAda");
            assertThat(i.html()).isNull();
            assertThat(i.attachments()).isEmpty();
            assertThat(i.author()).isNull();
            assertThat(i.threadId()).isNull();
            assertThat(i.attributes()).isEmpty();
        }

        @Test
        void missingDate_leavesOccurredAtToTheEngine() {
            InboundMessage m = parse("no-date.eml");
            assertThat(m.interaction().occurredAt()).isNull();
            assertThat(m.interaction().body()).isEqualTo("Body without a date.");
        }

        @Test
        void malformedDate_leavesOccurredAtToTheEngine() {
            assertThat(parse("bad-date.eml").interaction().occurredAt()).isNull();
        }

        @Test
        void missingMessageId_usesTheSha256OfTheRawBytes_stableAcrossParses() throws Exception {
            byte[] raw = resource("no-message-id.eml");
            String expected = "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(raw));

            InboundMessage first = parser.parse(raw);
            InboundMessage second = parser.parse(new ByteArrayInputStream(raw));

            assertThat(first.interaction().source()).isEqualTo(new SourceRef("email", expected));
            assertThat(second.interaction().source())
                    .isEqualTo(first.interaction().source());
            assertThat(second).isEqualTo(first);
            assertThat(expected).hasSize("sha256:".length() + 64);
        }

        @Test
        void reply_inReplyToThenReferencesFromLast_deduplicated() {
            InboundMessage m = parse("reply.eml");
            assertThat(m.replyTo())
                    .containsExactly(
                            "reply-2@rapport.test", "reply-1@rapport.test", "20261201101500.4f2a@mail.example.com");
            assertThat(m.interaction().subject()).isEqualTo("Re: Re: Delivery date for order 1042");
            assertThat(m.interaction().source()).isEqualTo(new SourceRef("email", "reply-3@example.com"));
        }

        @Test
        void flowedText_isUnwrapped_quotesKept() {
            assertThat(parse("reply.eml").interaction().body())
                    .isEqualTo("Thanks, that works for me. I will be at home all day on Friday, so any time is fine."
                            + "\n\n> When would suit you? We can deliver on Friday.");
        }

        @Test
        void encodedWords_utf8Q_inNameAndSubject() {
            InboundMessage m = parse("qp-utf8.eml");
            assertThat(m.senderName()).isEqualTo("Jürgen Müller");
            assertThat(m.interaction().subject()).isEqualTo("Beschädigte Lieferung");
        }

        @Test
        void encodedWords_utf8B_subject_andNoNameGivesNull() {
            InboundMessage m = parse("base64-body.eml");
            assertThat(m.interaction().subject()).isEqualTo("Re: Prüfung");
            assertThat(m.senderName()).isNull();
            assertThat(m.sender()).isEqualTo(Identity.email("bob@example.com"));
        }

        @Test
        void encodedWords_iso88591Q() {
            InboundMessage m = parse("latin1.eml");
            assertThat(m.senderName()).isEqualTo("François Pérez");
            assertThat(m.interaction().subject()).isEqualTo("Reçu cassé");
        }

        @Test
        void encodedWords_windows1252BandQ() {
            InboundMessage m = parse("windows-1252.eml");
            assertThat(m.senderName()).isEqualTo("‘Smart’ Quotes");
            assertThat(m.interaction().subject()).isEqualTo("Price €100 – too much");
        }

        @Test
        void encodedWords_iso2022jpB() {
            InboundMessage m = parse("iso-2022-jp.eml");
            assertThat(m.senderName()).isEqualTo("山田太郎");
            assertThat(m.interaction().subject()).isEqualTo("ご注文について");
            assertThat(m.interaction().occurredAt()).isEqualTo(Instant.parse("2026-12-08T03:00:00Z"));
        }

        @Test
        void encodedWords_notSeparatedBySpace_andSplitMidCharacter_areDecoded() {
            // "Grüße" in UTF-8 split inside the ü across two words; a word glued to text
            String raw = "From: a@example.com\r\nSubject: Re:=?UTF-8?B?R3LD?= =?UTF-8?B?vMOfZQ==?= !\r\n\r\nx\r\n";
            assertThat(parser.parse(raw.getBytes(StandardCharsets.US_ASCII))
                            .interaction()
                            .subject())
                    .isEqualTo("Re:Grüße !");
        }

        @Test
        void rawUtf8Headers_areReadAsUtf8() {
            byte[] raw = "From: Zoë Ærø <zoe@example.com>\r\nSubject: Grüße\r\n\r\nHallo\r\n"
                    .getBytes(StandardCharsets.UTF_8);
            InboundMessage m = parser.parse(raw);
            assertThat(m.senderName()).isEqualTo("Zoë Ærø");
            assertThat(m.interaction().subject()).isEqualTo("Grüße");
        }

        @Test
        void unknownCharsetInEncodedWord_isDecodedLeniently() {
            byte[] raw = "From: a@example.com\r\nSubject: =?x-no-such-charset?Q?caf=C3=A9?=\r\n\r\nx\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(parser.parse(raw).interaction().subject()).isEqualTo("café");
        }

        @Test
        void groupsAndDuplicatesInRecipients() {
            byte[] raw = ("From: a@example.com\r\nTo: Team: b@example.com, c@example.com;, B@EXAMPLE.COM\r\n"
                            + "Cc: undisclosed-recipients:;\r\n\r\nx\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(parser.parse(raw).interaction().participants())
                    .containsExactly(
                            Participant.of(ParticipantRole.FROM, "a@example.com"),
                            Participant.of(ParticipantRole.TO, "b@example.com"),
                            Participant.of(ParticipantRole.TO, "c@example.com"));
        }

        @Test
        void defaults_noSubjectThreading_sourceEmail() {
            InboundMessage m = MailParser.create().parse(resource("plain-ascii.eml"));
            assertThat(m.subjectWindow()).isNull();
            assertThat(m.interaction().source().source()).isEqualTo("email");
        }
    }

    @Nested
    @DisplayName("bodies")
    class Bodies {
        @Test
        void alternative_keepsTextAsBodyAndHtmlAsHtml() {
            InboundMessage m = parse("alternative.eml");
            assertThat(m.senderName()).isEqualTo("Grace Hopper");
            assertThat(m.interaction().occurredAt()).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
            assertThat(m.interaction().body()).isEqualTo("Hi team,\n\nInvoice 77 shows €120 but I paid €100.\n\nGrace");
            assertThat(m.interaction().html())
                    .isEqualTo("<html><head><style>p {color: red}</style></head><body><p>Hi team,</p><p>Invoice"
                            + " 77 shows <b>€120</b> but I paid €100.</p><p>Grace</p></body></html>");
            assertThat(m.interaction().attachments()).isEmpty();
        }

        @Test
        void nestedMixedRelatedAlternative_attachmentsAsMetadataOnly() {
            NewInteraction i = parse("mixed-attachments.eml").interaction();
            assertThat(i.body()).isEqualTo("The unit stopped working. Photo below, receipt attached.");
            assertThat(i.html())
                    .isEqualTo("<p>The unit stopped working. Photo below, receipt attached.</p>"
                            + "<p><img src=\"cid:photo1@example.net\"></p>");
            assertThat(i.attachments())
                    .containsExactly(
                            new Attachment("photo.png", "image/png", 776, null),
                            new Attachment("Quittung März.pdf", "application/pdf", 1540, null));
        }

        @Test
        void quotedPrintableUtf8_softLineBreaksJoined() {
            assertThat(parse("qp-utf8.eml").interaction().body())
                    .isEqualTo("Grüße aus Köln! Das Paket kam beschädigt an, die Verpackung war völlig zerdrückt"
                            + " und der Inhalt ist unbrauchbar. Bitte um Ersatz. — Jürgen ✓");
        }

        @Test
        void base64Body() {
            assertThat(parse("base64-body.eml").interaction().body())
                    .isEqualTo("Hello from base64.\nSecond line: naïve café.");
        }

        @Test
        void iso88591Body() {
            assertThat(parse("latin1.eml").interaction().body())
                    .isEqualTo("Bonjour, le reçu est cassé. Merci beaucoup, François.");
        }

        @Test
        void windows1252Body() {
            assertThat(parse("windows-1252.eml").interaction().body()).isEqualTo("It costs €100 – that’s “too much”…");
        }

        @Test
        void iso2022jpBody() {
            assertThat(parse("iso-2022-jp.eml").interaction().body()).isEqualTo("お世話になっております。注文番号1042の件です。");
        }

        @Test
        void htmlOnly_bodyIsReadableText_htmlKept() {
            NewInteraction i = parse("html-only.eml").interaction();
            assertThat(i.body())
                    .isEqualTo("Good news\n\nYour order 1042 has shipped.\n\n- Blue mug\n- Red kettle\n\n"
                            + "Track it here\nor reply to this email.");
            assertThat(i.html()).isEqualTo("""
                            <!DOCTYPE html>
                            <html><head><title>Shipped</title><script>track()</script></head>
                            <body>
                            <h1>Good news</h1>
                            <p>Your order   <b>1042</b>
                            has shipped.</p>
                            <ul><li>Blue mug</li><li>Red kettle</li></ul>
                            <div>Track it here<br>or reply to this email.</div>
                            </body></html>""");
        }

        @Test
        void missingCharset_8bitUtf8IsReadAsUtf8_elseAsLatin1() {
            byte[] utf8 = "From: a@example.com\r\n\r\nsmørrebrød\r\n".getBytes(StandardCharsets.UTF_8);
            byte[] latin1 = "From: a@example.com\r\n\r\nsmørrebrød\r\n".getBytes(StandardCharsets.ISO_8859_1);
            assertThat(parser.parse(utf8).interaction().body()).isEqualTo("smørrebrød");
            assertThat(parser.parse(latin1).interaction().body()).isEqualTo("smørrebrød");
        }

        @Test
        void unknownBodyCharset_isDecodedLeniently() {
            byte[] raw = "From: a@example.com\r\nContent-Type: text/plain; charset=x-bogus\r\n\r\ncafé\r\n"
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(parser.parse(raw).interaction().body()).isEqualTo("café");
        }

        @Test
        void unknownTransferEncoding_isAnOctetStreamAttachment() {
            byte[] raw = ("From: a@example.com\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-rot13\r\n"
                            + "\r\nuryyb\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            NewInteraction i = parser.parse(raw).interaction();
            assertThat(i.body()).isEmpty();
            assertThat(i.attachments()).containsExactly(new Attachment(null, "application/octet-stream", -1, null));
        }

        @Test
        void inlineTextWithFileName_isAnAttachment() {
            byte[] raw = ("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                            + "Content-Type: text/plain\r\n\r\nhello\r\n--b\r\n"
                            + "Content-Type: text/plain; name=\"notes.txt\"\r\n\r\n12345\r\n--b--\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            NewInteraction i = parser.parse(raw).interaction();
            assertThat(i.body()).isEqualTo("hello");
            assertThat(i.attachments()).containsExactly(new Attachment("notes.txt", "text/plain", 5, null));
        }

        @Test
        void multipartWithoutBoundaryParameter_isSplitAtItsFirstDelimiterLine() {
            NewInteraction i = parse("no-boundary-lenient.eml").interaction();
            assertThat(i.body()).isEqualTo("The mailer forgot the boundary parameter.");
            assertThat(i.attachments())
                    .containsExactly(new Attachment("data.bin", "application/octet-stream", 10, null));
        }

        @Test
        void bodyLongerThanTheLimit_isCut_htmlOverItDropped() {
            MailParser small = MailParser.builder().maxBodyLength(10).build();
            NewInteraction plain = small.parse(resource("plain-ascii.eml")).interaction();
            NewInteraction html = small.parse(resource("html-only.eml")).interaction();
            assertThat(plain.body()).isEqualTo("Hello,\n\nwh");
            assertThat(html.body()).isEqualTo("Good news\n");
            assertThat(html.html()).isNull();
        }
    }

    @Nested
    @DisplayName("refusals")
    class Refusals {
        @Test
        void missingFrom() {
            ValidationException e = refusal(parser, resource("no-from.eml"));
            assertThat(e.violations()).containsExactly(new Violation("from", "is missing"));
        }

        @Test
        void unparseableFrom_reasonDoesNotEchoTheAddress() {
            byte[] raw = "From: secret.person@@example..com (oops\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
            ValidationException e = refusal(parser, raw);
            assertThat(e.violations()).extracting(Violation::path).containsExactly("from");
            assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("example");
        }

        @Test
        void fromWithoutDomain() {
            byte[] raw = "From: Someone <someone>\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(refusal(parser, raw).violations())
                    .containsExactly(new Violation("from", "holds no valid mailbox address"));
        }

        @Test
        void garbageBytes() {
            ValidationException e = refusal(parser, resource("garbage.bin"));
            assertThat(e.violations()).extracting(Violation::path).contains("from");
        }

        @Test
        void emptyInput() {
            assertThat(refusal(parser, new byte[0]).violations()).containsExactly(new Violation("message", "is empty"));
        }

        @Test
        void multipartWithoutAnyBoundary() {
            assertThat(refusal(parser, resource("no-boundary-refused.eml")).violations())
                    .containsExactly(new Violation(
                            "body", "is a multipart that cannot be split into parts (no boundary line found)"));
        }

        @Test
        void nestedPartThatCannotBeSplit_isNamedByItsNumber_andAllProblemsAreReportedTogether() {
            byte[] raw = ("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                            + "Content-Type: text/plain\r\n\r\nhello\r\n--b\r\n"
                            + "Content-Type: multipart/alternative; boundary=zz\r\n\r\nno delimiters\r\n--b--\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(refusal(parser, raw).violations())
                    .extracting(Violation::path)
                    .containsExactly("from", "body.2");
        }

        @Test
        void nestingDeeperThan32Levels() {
            StringBuilder sb = new StringBuilder("From: a@example.com\r\n");
            for (int i = 0; i < 40; i++) {
                sb.append("Content-Type: multipart/mixed; boundary=b")
                        .append(i)
                        .append("\r\n\r\n--b")
                        .append(i)
                        .append("\r\n");
            }
            sb.append("\r\ndeep\r\n");
            ValidationException e = refusal(parser, sb.toString().getBytes(StandardCharsets.US_ASCII));
            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.path()).startsWith("body.1.1.1");
                assertThat(v.reason()).contains("32 levels");
            });
        }

        @Test
        void oversized_bytesAndStream() {
            MailParser small = MailParser.builder().maxMessageBytes(100).build();
            byte[] raw = resource("plain-ascii.eml");
            Violation expected = new Violation("message", "is larger than the limit of 100 bytes");
            assertThat(refusal(small, raw).violations()).containsExactly(expected);
            ValidationException fromStream =
                    catchThrowableOfType(ValidationException.class, () -> small.parse(new ByteArrayInputStream(raw)));
            assertThat(fromStream.violations()).containsExactly(expected);
        }

        @Test
        void failingStream_isRefusedAsUnreadable() {
            InputStream broken = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("disk on fire");
                }
            };
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> parser.parse(broken));
            assertThat(e.violations()).containsExactly(new Violation("message", "could not be read from the stream"));
        }
    }

    @Nested
    @DisplayName("builder")
    class Builder {
        @Test
        void build_reportsEveryProblemAtOnce() {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> MailParser.builder()
                    .source("Not Valid!")
                    .subjectThreadingWindow(Duration.ZERO)
                    .maxMessageBytes(0)
                    .maxBodyLength(-1)
                    .build());
            assertThat(e.violations())
                    .extracting(Violation::path)
                    .containsExactly("source", "subjectThreadingWindow", "maxMessageBytes", "maxBodyLength");
        }

        @Test
        void build_refusesAMissingSource() {
            ValidationException e = catchThrowableOfType(
                    ValidationException.class,
                    () -> MailParser.builder().source(null).build());
            assertThat(e.violations()).containsExactly(new Violation("source", "is required"));
        }

        @Test
        void source_isTrimmedAndLowerCased() {
            MailParser p = MailParser.builder().source("  Support-Inbox ").build();
            assertThat(p.source()).isEqualTo("support-inbox");
            assertThat(p.parse(resource("plain-ascii.eml"))
                            .interaction()
                            .source()
                            .source())
                    .isEqualTo("support-inbox");
        }

        @Test
        void accessorsAndDefaults() {
            MailParser p = MailParser.create();
            assertThat(p.maxMessageBytes()).isEqualTo(25 << 20);
            assertThat(p.maxBodyLength()).isEqualTo(1_000_000);
            assertThat(p.subjectThreadingWindow()).isEmpty();
            assertThat(parser.subjectThreadingWindow()).contains(WINDOW);
            assertThat(List.of(p.toString())).singleElement().asString().contains("source=email");
        }
    }
}
