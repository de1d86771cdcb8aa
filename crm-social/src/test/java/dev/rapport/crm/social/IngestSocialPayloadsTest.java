package dev.rapport.crm.social;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.TenantSettings;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.IngestResult;
import dev.rapport.crm.interactions.UnmatchedPolicy;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.SourceRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsed payloads go through the engine's ingestion: leads by handle, threads, idempotent replays. */
class IngestSocialPayloadsTest {

    private static Crm leads() {
        return Crm.builder()
                .storage(InMemoryStorage.create())
                .tenantSettings(
                        t -> TenantSettings.withPhoneRegion("GB").withUnmatchedInbound(UnmatchedPolicy.CREATE_LEAD))
                .build();
    }

    private static void ingestTwice(Crm crm, List<InboundMessage> messages) {
        Set<String> threads = new HashSet<>();
        for (InboundMessage m : messages) {
            IngestResult r = crm.interactions().ingest(m);
            assertThat(r.outcome()).isIn(IngestResult.Outcome.MATCHED, IngestResult.Outcome.LEAD_CREATED);
            Interaction i = r.interaction();
            assertThat(i.customerId()).isNotNull();
            assertThat(crm.customers().findByIdentity(m.sender()))
                    .get()
                    .extracting(c -> c.id())
                    .isEqualTo(i.customerId());
            if (m.replyTo().isEmpty()) {
                assertThat(i.threadId()).isEqualTo(m.interaction().threadId());
            } else {
                // A reply joins the thread of the message it names, if that was ingested before.
                String named = m.replyTo().stream()
                        .map(id -> crm.interactions()
                                .findBySource(
                                        new SourceRef(m.interaction().source().source(), id)))
                        .flatMap(java.util.Optional::stream)
                        .map(Interaction::threadId)
                        .findFirst()
                        .orElse(m.interaction().threadId());
                assertThat(i.threadId()).isEqualTo(named);
            }
            threads.add(i.threadId());
        }
        for (String thread : threads) {
            assertThat(crm.interactions().thread(thread, 1000, null).items()).isNotEmpty();
        }
        for (InboundMessage m : messages) {
            assertThat(crm.interactions().ingest(m).outcome()).isEqualTo(IngestResult.Outcome.DUPLICATE);
        }
    }

    @Test
    void messengerWebhook_ingestsIntoLeadsAndThreads_andReplaysAsDuplicates() {
        List<InboundMessage> messages = MessengerWebhookParser.create().parse(Samples.text("messenger-webhook.json"));
        assertThat(messages).isNotEmpty();
        try (Crm crm = leads()) {
            ingestTwice(crm, messages);
        }
    }

    @Test
    void redditListings_ingestIntoLeadsAndThreads_andReplayAsDuplicates() {
        for (String sample : List.of("reddit-inbox.json", "reddit-comments.json")) {
            List<InboundMessage> messages = RedditParser.create().parse(Samples.text(sample));
            assertThat(messages).as(sample).isNotEmpty();
            try (Crm crm = leads()) {
                ingestTwice(crm, messages);
            }
        }
    }
}
