package dev.rapport.crm.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.IngestResult;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.activity.Interaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Raw email through the parser and the engine: matching, threading by headers and by subject, replays. */
class IngestMailTest {
    private static byte[] mail(String messageId, String subject, String extraHeaders) {
        String text = "From: Ada Lovelace <ada@example.com>\r\n"
                + "To: support@shop.example\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Tue, 1 Dec 2026 09:00:00 +0000\r\n"
                + "Message-ID: <" + messageId + ">\r\n"
                + extraHeaders
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Hello\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replies_joinTheirThread_byReferences_andReplaysAreDuplicates() {
        MailParser parser = MailParser.create();
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).build()) {
            Customer ada = crm.customers().create(NewCustomer.named("Ada").email("ada@example.com"));
            InboundMessage first = parser.parse(mail("m1@example.com", "Order 42", ""));
            IngestResult r1 = crm.interactions().ingest(first);
            assertThat(r1.outcome()).isEqualTo(IngestResult.Outcome.MATCHED);
            assertThat(r1.interaction().customerId()).isEqualTo(ada.id());
            IngestResult r2 = crm.interactions()
                    .ingest(parser.parse(mail(
                            "m3@example.com",
                            "Re: Order 42",
                            "In-Reply-To: <m2@elsewhere>\r\nReferences: <m1@example.com> <m2@elsewhere>\r\n")));
            assertThat(r2.interaction().threadId()).isEqualTo(r1.interaction().threadId());
            assertThat(crm.interactions().ingest(first).outcome()).isEqualTo(IngestResult.Outcome.DUPLICATE);
            assertThat(crm.interactions()
                            .thread(r1.interaction().threadId(), 10, null)
                            .items())
                    .extracting(Interaction::id)
                    .containsExactly(r1.interaction().id(), r2.interaction().id());
        }
    }

    @Test
    void subjectThreading_whenTheParserAsksForIt() {
        MailParser parser =
                MailParser.builder().subjectThreadingWindow(Duration.ofDays(14)).build();
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).build()) {
            crm.customers().create(NewCustomer.named("Ada").email("ada@example.com"));
            IngestResult r1 = crm.interactions().ingest(parser.parse(mail("a@x", "Refund", "")));
            IngestResult r2 = crm.interactions().ingest(parser.parse(mail("b@x", "RE: refund", "")));
            assertThat(r2.interaction().threadId()).isEqualTo(r1.interaction().threadId());
            IngestResult other = crm.interactions().ingest(parser.parse(mail("c@x", "Something else", "")));
            assertThat(other.interaction().threadId())
                    .isNotEqualTo(r1.interaction().threadId());
        }
    }
}
