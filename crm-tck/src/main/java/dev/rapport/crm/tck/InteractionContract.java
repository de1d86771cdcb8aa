package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.TenantSettings;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.IngestResult;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.interactions.UnmatchedPolicy;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.ParticipantRole;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.InteractionLinked;
import dev.rapport.crm.model.event.InteractionRecorded;
import dev.rapport.crm.query.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Interactions: recording with validation and idempotency by source, inbound ingestion (customer
 * resolution, the unmatched policy, threading), threads, parking and linking.
 *
 * @since 0.2
 */
public abstract class InteractionContract extends ContractSupport {

    private Customer ada() {
        return crm.customers()
                .create(NewCustomer.named("Ada Lovelace")
                        .email("ada@example.com")
                        .phone("020 7946 0000")
                        .social("x", "@ada")
                        .identity(Identity.external("legacy", "A-1")));
    }

    private static NewInteraction.Builder email(CustomerId customer) {
        return NewInteraction.on(Channel.EMAIL, Direction.INBOUND).customer(customer);
    }

    private long recordedEvents() {
        return events(crm).stream()
                .filter(e -> e instanceof InteractionRecorded)
                .count();
    }

    @Test
    @DisplayName("an interaction round-trips every field, times truncated to microseconds")
    void record_roundTripsEveryField() {
        Customer ada = ada();
        crm.attributes()
                .define(AttributeDefinition.of("reason", AttributeType.CHOICE).withChoices("billing", "delivery"));
        Instant at = Instant.parse("2026-02-01T10:15:30.123456789Z");
        Interaction i = crm.interactions()
                .record(NewInteraction.on(Channel.PHONE, Direction.OUTBOUND)
                        .customer(ada.id())
                        .occurredAt(at)
                        .subject("  Delivery  ")
                        .body("Line one\nline two\tend")
                        .html("<p>Line one</p>")
                        .author("agent-7")
                        .participant(ParticipantRole.FROM, "+442079460001")
                        .participant(ParticipantRole.TO, "+442079460000")
                        .thread("call-42")
                        .duration(Duration.ofSeconds(241))
                        .outcome("answered")
                        .attachment(new Attachment("notes.pdf", "application/pdf", 1234, "s3://bucket/notes.pdf"))
                        .attribute("reason", "delivery")
                        .source("pbx", "CALL-0001")
                        .build());
        assertThat(i.version()).isEqualTo(1);
        assertThat(i.customerId()).isEqualTo(ada.id());
        assertThat(i.occurredAt()).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
        assertThat(i.recordedAt()).isEqualTo(START.truncatedTo(ChronoUnit.MICROS));
        assertThat(i.subject()).isEqualTo("Delivery");
        assertThat(i.attributes()).containsEntry("reason", new AttributeValue.Choice("delivery"));
        assertThat(crm.interactions().get(i.id())).isEqualTo(i);
        assertThat(crm.interactions().findBySource(SourceRef.of("PBX", "CALL-0001")))
                .contains(i);
        assertThat(events(crm)).last().isInstanceOfSatisfying(InteractionRecorded.class, e -> {
            assertThat(e.interactionId()).isEqualTo(i.id());
            assertThat(e.customerId()).isEqualTo(ada.id());
            assertThat(e.channel()).isEqualTo(Channel.PHONE);
            assertThat(e.direction()).isEqualTo(Direction.OUTBOUND);
        });
    }

    @Test
    @DisplayName("a minimal interaction gets the clock's time, an empty body and no thread")
    void record_minimalDefaults() {
        Customer ada = ada();
        Interaction i = crm.interactions().record(email(ada.id()).build());
        assertThat(i.body()).isEmpty();
        assertThat(i.occurredAt()).isEqualTo(i.recordedAt());
        assertThat(i.threadId()).isNull();
        assertThat(i.source()).isNull();
        assertThat(crm.interactions().get(i.id())).isEqualTo(i);
    }

    @Test
    @DisplayName("bad input is refused naming every field, and nothing is written")
    void record_refusesBadInputNamingEveryField() {
        Customer ada = ada();
        Crm small = builder(storage).maxBodyLength(10).build().forTenant(crm.tenant());
        ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> small.interactions()
                .record(NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                        .customer(ada.id())
                        .body("0123456789X")
                        .subject("bad\u0000subject")
                        .duration(Duration.ofSeconds(-1))
                        .occurredAt(Instant.parse("0999-12-31T00:00:00Z"))
                        .participant(ParticipantRole.TO, "   ")
                        .source("Bad Source!", "")
                        .build()));
        assertThat(paths(e))
                .contains(
                        "body",
                        "subject",
                        "duration",
                        "occurredAt",
                        "participants[0].address",
                        "source.source",
                        "source.externalId");
        assertThat(e.getMessage()).doesNotContain("0123456789X");
        ValidationException noCustomer = thrown(ValidationException.class, () -> crm.interactions()
                .record(NewInteraction.on(Channel.SMS, Direction.INBOUND)
                        .body("hi")
                        .build()));
        assertThat(paths(noCustomer)).containsExactly("customer");
        // Unpaired surrogates have no UTF-8 form: "a\uD800" and "a\uDC00" would be stored alike.
        for (String id : new String[] {"a\uD800", "a\uDC00", "\uDC00\uD800"}) {
            ValidationException notText =
                    assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.interactions()
                            .record(NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                    .customer(ada.id())
                                    .body("hi")
                                    .source("sms", id)
                                    .build()));
            assertThat(paths(notText)).containsExactly("source.externalId");
        }
        assertThat(crm.interactions()
                        .record(NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                .customer(ada.id())
                                .body("hi")
                                .source("sms", "a\uD834\uDD1E")
                                .build())
                        .source())
                .isEqualTo(dev.rapport.crm.model.activity.SourceRef.of("sms", "a\uD834\uDD1E"));
    }

    @Test
    @DisplayName("a body at the limit is accepted, one character over is refused")
    void record_bodyLimitIsExact() {
        Customer ada = ada();
        Crm small = builder(storage).maxBodyLength(5).build().forTenant(crm.tenant());
        assertThat(small.interactions()
                        .record(email(ada.id()).body("😀bcde").build())
                        .body())
                .isEqualTo("😀bcde");
        ValidationException e = thrown(ValidationException.class, () -> small.interactions()
                .record(email(ada.id()).html("abcdef").build()));
        assertThat(paths(e)).containsExactly("html");
    }

    @Test
    @DisplayName("an unknown customer is NotFound; an undefined attribute is refused; nothing is written")
    void record_refusesUnknownCustomerAndUndefinedAttribute() {
        Customer ada = ada();
        assertRefusedWithoutWrites(crm, NotFoundException.class, () -> crm.interactions()
                .record(email(CustomerId.of(java.util.UUID.randomUUID())).build()));
        ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.interactions()
                .record(email(ada.id()).attribute("nope", 1).build()));
        assertThat(paths(e)).containsExactly("attributes.nope");
        assertThat(recordedEvents()).isZero();
    }

    @Test
    @DisplayName("the same source recorded twice is one interaction; the second call emits nothing")
    void record_isIdempotentBySource() {
        Customer ada = ada();
        Interaction first = crm.interactions()
                .record(email(ada.id()).body("first").source("email", "<m1@x>").build());
        clock.advance(Duration.ofMinutes(1));
        int told = listener.events().size();
        Interaction second = crm.interactions()
                .record(email(ada.id()).body("other").source("EMAIL", "<m1@x>").build());
        assertThat(second).isEqualTo(first);
        assertThat(listener.events()).hasSize(told);
        assertThat(recordedEvents()).isEqualTo(1);
        Interaction other = crm.interactions()
                .record(email(ada.id()).source("email", "<M1@x>").build());
        assertThat(other.id()).as("external ids match exactly").isNotEqualTo(first.id());
    }

    @Test
    @DisplayName("two threads recording the same source at once record it once")
    void record_concurrentSameSourceRecordsOnce() throws Exception {
        Customer ada = ada();
        for (int round = 0; round < 5; round++) {
            NewInteraction command =
                    email(ada.id()).source("email", "race-" + round).build();
            List<Interaction> results = race(() -> crm.interactions().record(command));
            assertThat(results.get(0)).isEqualTo(results.get(1));
        }
        assertThat(recordedEvents()).isEqualTo(5);
    }

    private static <T> List<T> race(Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("ingest matches the sender by email, phone (any format), handle and external id")
    void ingest_matchesEveryIdentityKind() {
        Customer ada = ada();
        List<Identity> senders = List.of(
                Identity.email("ADA@example.com"),
                Identity.phone("+44 20 7946 0000"),
                Identity.social("X", "ADA"),
                Identity.external("legacy", "A-1"));
        for (Identity sender : senders) {
            IngestResult r = crm.interactions()
                    .ingest(InboundMessage.from(
                            sender,
                            NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                    .body("hello")
                                    .build()));
            assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.MATCHED);
            assertThat(r.interaction().customerId()).isEqualTo(ada.id());
        }
    }

    @Test
    @DisplayName("by default an unknown sender's message is parked, listed as unmatched, and can be linked once")
    void ingest_parksUnknownSenderAndLinks() {
        Customer ada = ada();
        IngestResult r = crm.interactions()
                .ingest(InboundMessage.from(
                        Identity.email("stranger@example.com"),
                        NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                .source("email", "p1")
                                .build()));
        assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.PARKED);
        assertThat(r.interaction().customerId()).isNull();
        assertThat(crm.customers().findByEmail("stranger@example.com")).isEmpty();
        assertThat(crm.interactions().unmatched(10, null).items()).containsExactly(r.interaction());
        Interaction linked = crm.interactions().link(r.interaction().id(), ada.id());
        assertThat(linked.customerId()).isEqualTo(ada.id());
        assertThat(linked.version()).isEqualTo(2);
        assertThat(crm.interactions().unmatched(10, null).items()).isEmpty();
        assertThat(crm.interactions().link(r.interaction().id(), ada.id())).isEqualTo(linked);
        assertThat(events(crm)).last().isInstanceOf(InteractionLinked.class);
        Customer bob = crm.customers().create(NewCustomer.named("Bob"));
        assertRefusedWithoutWrites(crm, ConflictException.class, () -> crm.interactions()
                .link(r.interaction().id(), bob.id()));
        assertRefusedWithoutWrites(crm, NotFoundException.class, () -> crm.interactions()
                .link(InteractionId.of(java.util.UUID.randomUUID()), bob.id()));
    }

    @Test
    @DisplayName("with CREATE_LEAD an unknown sender becomes a lead holding the identity and the message")
    void ingest_createsLeadWhenThePolicySaysSo() {
        Crm leads = builder(storage)
                .tenantSettings(
                        t -> TenantSettings.withPhoneRegion("GB").withUnmatchedInbound(UnmatchedPolicy.CREATE_LEAD))
                .build()
                .forTenant(crm.tenant());
        IngestResult r = leads.interactions()
                .ingest(InboundMessage.from(
                                Identity.phone("07911 123456"),
                                NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                        .body("hi")
                                        .build())
                        .senderName("Grace Hopper"));
        assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.LEAD_CREATED);
        Customer lead = leads.customers().findByPhone("+447911123456").orElseThrow();
        assertThat(lead.displayName()).isEqualTo("Grace Hopper");
        assertThat(lead.stage()).isEqualTo(LifecycleStage.LEAD);
        assertThat(r.interaction().customerId()).isEqualTo(lead.id());
        List<CrmEvent> log = events(leads);
        assertThat(log.get(log.size() - 2)).isInstanceOf(CustomerCreated.class);
        assertThat(log.get(log.size() - 1)).isInstanceOf(InteractionRecorded.class);
        IngestResult again = leads.interactions()
                .ingest(InboundMessage.from(
                        Identity.phone("+447911123456"),
                        NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                .body("again")
                                .build()));
        assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.MATCHED);
        assertThat(again.interaction().customerId()).isEqualTo(lead.id());
    }

    @Test
    @DisplayName("ingest never attaches a message to another tenant's customer")
    void ingest_neverCrossesTenants() {
        Customer ada = ada();
        Crm other = crm.forTenant(newTenant());
        IngestResult r = other.interactions()
                .ingest(InboundMessage.from(
                        Identity.email("ada@example.com"),
                        NewInteraction.on(Channel.EMAIL, Direction.INBOUND).build()));
        assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.PARKED);
        assertThat(crm.interactions().find(r.interaction().id())).isEmpty();
        assertThat(crm.interactions().unmatched(10, null).items()).isEmpty();
        assertThat(other.interactions().unmatched(10, null).items()).hasSize(1);
        assertThat(ada.id()).isNotEqualTo(r.interaction().customerId());
    }

    @Test
    @DisplayName("a duplicate inbound message is reported as such and writes nothing, not even a lead")
    void ingest_duplicateWritesNothing() {
        Crm leads = builder(storage)
                .tenantSettings(
                        t -> TenantSettings.withPhoneRegion("GB").withUnmatchedInbound(UnmatchedPolicy.CREATE_LEAD))
                .build()
                .forTenant(crm.tenant());
        InboundMessage m = InboundMessage.from(
                Identity.email("new@example.com"),
                NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                        .source("email", "dup-1")
                        .build());
        IngestResult first = leads.interactions().ingest(m);
        int logSize = eventLog(leads).size();
        IngestResult second = leads.interactions().ingest(m);
        assertThat(second.outcome()).isEqualTo(IngestResult.Outcome.DUPLICATE);
        assertThat(second.interaction()).isEqualTo(first.interaction());
        assertThat(eventLog(leads)).hasSize(logSize);
    }

    @Test
    @DisplayName("the same inbound message ingested from two threads at once is recorded once, with one lead")
    void ingest_concurrentSameMessageRecordsOnce() throws Exception {
        Crm leads = builder(storage)
                .tenantSettings(
                        t -> TenantSettings.withPhoneRegion("GB").withUnmatchedInbound(UnmatchedPolicy.CREATE_LEAD))
                .build()
                .forTenant(crm.tenant());
        for (int round = 0; round < 4; round++) {
            InboundMessage m = InboundMessage.from(
                    Identity.email("racer" + round + "@example.com"),
                    NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                            .source("email", "race-" + round)
                            .build());
            List<IngestResult> results = race(() -> leads.interactions().ingest(m));
            assertThat(results.get(0).interaction()).isEqualTo(results.get(1).interaction());
            assertThat(results)
                    .extracting(IngestResult::outcome)
                    .containsExactlyInAnyOrder(IngestResult.Outcome.LEAD_CREATED, IngestResult.Outcome.DUPLICATE);
        }
        assertThat(leads.customers().count(dev.rapport.crm.query.CustomerCriteria.all()))
                .isEqualTo(4);
        assertThat(events(leads).stream().filter(e -> e instanceof InteractionRecorded))
                .hasSize(4);
    }

    @Test
    @DisplayName("a reply joins the thread of the message it names; unknown references start a new thread")
    void ingest_threadsByReplyReferences() {
        Customer ada = ada();
        Identity sender = Identity.email("ada@example.com");
        IngestResult first = crm.interactions()
                .ingest(InboundMessage.from(
                        sender,
                        NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                .subject("Order 42")
                                .source("email", "m1@example.com")
                                .build()));
        assertThat(first.interaction().threadId())
                .isEqualTo(first.interaction().id().toString());
        clock.advance(Duration.ofHours(1));
        IngestResult reply = crm.interactions()
                .ingest(InboundMessage.from(
                                sender,
                                NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                        .subject("Something else")
                                        .source("email", "m2@example.com")
                                        .build())
                        .replyingTo(List.of("unknown@example.com", "m1@example.com")));
        assertThat(reply.interaction().threadId()).isEqualTo(first.interaction().threadId());
        IngestResult fresh = crm.interactions()
                .ingest(InboundMessage.from(
                                sender,
                                NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                        .source("email", "m3@example.com")
                                        .build())
                        .replyingTo(List.of("nobody@example.com")));
        assertThat(fresh.interaction().threadId())
                .isEqualTo(fresh.interaction().id().toString());
        Page<Interaction> thread = crm.interactions().thread(first.interaction().threadId(), 10, null);
        assertThat(thread.items()).containsExactly(first.interaction(), reply.interaction());
        assertThat(ada.id()).isEqualTo(reply.interaction().customerId());
    }

    @Test
    @DisplayName("subject threading joins the same customer's same-subject message within the window only")
    void ingest_threadsBySubjectWithinWindowAndCustomer() {
        Customer ada = ada();
        Customer bob = crm.customers().create(NewCustomer.named("Bob").email("bob@example.com"));
        Duration window = Duration.ofDays(7);
        IngestResult first = ingestEmail("ada@example.com", "Refund  request", "s1", window);
        clock.advance(Duration.ofDays(2));
        IngestResult reply = ingestEmail("ada@example.com", "RE: Fwd: refund request", "s2", window);
        assertThat(reply.interaction().threadId()).isEqualTo(first.interaction().threadId());
        IngestResult bobs = ingestEmail("bob@example.com", "Re: Refund request", "s3", window);
        assertThat(bobs.interaction().threadId())
                .isNotEqualTo(first.interaction().threadId());
        clock.advance(Duration.ofDays(8));
        IngestResult late = ingestEmail("ada@example.com", "Re: Refund request", "s4", window);
        assertThat(late.interaction().threadId())
                .isNotEqualTo(first.interaction().threadId());
        IngestResult noWindow = ingestEmail("ada@example.com", "Re: Refund request", "s5", null);
        assertThat(noWindow.interaction().threadId())
                .isEqualTo(noWindow.interaction().id().toString());
        assertThat(bobs.interaction().customerId()).isEqualTo(bob.id());
        assertThat(late.interaction().customerId()).isEqualTo(ada.id());
    }

    private IngestResult ingestEmail(String from, String subject, String messageId, Duration window) {
        return crm.interactions()
                .ingest(InboundMessage.from(
                                Identity.email(from),
                                NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                        .subject(subject)
                                        .source("email", messageId)
                                        .build())
                        .threadBySubjectWithin(window));
    }

    @Test
    @DisplayName("ingest refuses an internal note, a set customer, a bad sender and reply ids without a source")
    void ingest_refusesBadMessages() {
        Customer ada = ada();
        ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.interactions()
                .ingest(InboundMessage.from(
                                Identity.email("not an address"),
                                NewInteraction.on(Channel.EMAIL, Direction.INTERNAL)
                                        .customer(ada.id())
                                        .build())
                        .replyingTo(List.of("x"))
                        .threadBySubjectWithin(Duration.ZERO)));
        assertThat(paths(e))
                .contains("interaction.direction", "interaction.customer", "sender", "replyTo", "subjectWindow");
    }

    @Test
    @DisplayName("a thread lists oldest first across pages, ties broken by id, following cursors")
    void thread_pagesOldestFirst() {
        Customer ada = ada();
        List<Interaction> recorded = new ArrayList<>();
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 23; i++) {
            recorded.add(crm.interactions()
                    .record(email(ada.id())
                            .thread("t-1")
                            .occurredAt(base.plusSeconds((i * 7L) % 5))
                            .build()));
            crm.interactions().record(email(ada.id()).thread("t-2").build());
        }
        recorded.sort((a, b) ->
                dev.rapport.crm.model.activity.TimelineKey.OLDEST_FIRST.compare(a.timelineKey(), b.timelineKey()));
        List<Interaction> read = new ArrayList<>();
        String cursor = null;
        do {
            Page<Interaction> page = crm.interactions().thread("t-1", 5, cursor);
            read.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(read).containsExactlyElementsOf(recorded);
        assertThat(crm.forTenant(newTenant())
                        .interactions()
                        .thread("t-1", 5, null)
                        .items())
                .isEmpty();
        ValidationException bad =
                thrown(ValidationException.class, () -> crm.interactions().thread("t-1", 0, "%%"));
        assertThat(paths(bad)).containsExactlyInAnyOrder("limit", "cursor");
    }

    @Test
    @DisplayName("a customer's threads list by their latest message, newest first, counting only their own")
    void threads_listByLatestMessage() {
        for (long seed : Seeds.seeds(3, "rapport.tck.threads.seeds")) {
            Seeds.run(seed, random -> {
                Customer ada = crm.customers().create(NewCustomer.named("Ada " + seed));
                Customer bob = crm.customers().create(NewCustomer.named("Bob " + seed));
                Instant base = Instant.parse("2026-01-01T00:00:00Z");
                java.util.Map<String, List<Interaction>> byThread = new java.util.HashMap<>();
                for (int i = 0; i < 40; i++) {
                    String thread = random.nextInt(6) == 0 ? null : seed + "-t" + random.nextInt(7);
                    boolean mine = random.nextInt(4) != 0;
                    Interaction x = crm.interactions()
                            .record(email(mine ? ada.id() : bob.id())
                                    .thread(thread)
                                    .occurredAt(base.plusSeconds(60L * random.nextInt(20)))
                                    .build());
                    if (mine && thread != null) {
                        byThread.computeIfAbsent(thread, t -> new ArrayList<>()).add(x);
                    }
                }
                java.util.Comparator<Interaction> newest =
                        (a, b) -> dev.rapport.crm.model.activity.TimelineKey.NEWEST_FIRST.compare(
                                a.timelineKey(), b.timelineKey());
                List<dev.rapport.crm.model.activity.ThreadSummary> expected = new ArrayList<>();
                byThread.forEach((thread, list) -> {
                    list.sort(newest);
                    expected.add(new dev.rapport.crm.model.activity.ThreadSummary(
                            thread, list.size(), list.get(list.size() - 1).occurredAt(), list.get(0)));
                });
                expected.sort((a, b) -> newest.compare(a.latest(), b.latest()));
                List<dev.rapport.crm.model.activity.ThreadSummary> read = new ArrayList<>();
                int limit = 1 + random.nextInt(3);
                String cursor = null;
                do {
                    Page<dev.rapport.crm.model.activity.ThreadSummary> page =
                            crm.interactions().threads(ada.id(), limit, cursor);
                    read.addAll(page.items());
                    cursor = page.nextCursor();
                } while (cursor != null);
                assertThat(read).isEqualTo(expected);
            });
        }
        assertThat(crm.forTenant(newTenant())
                        .interactions()
                        .threads(CustomerId.of(java.util.UUID.randomUUID()), 10, null)
                        .items())
                .isEmpty();
    }

    @Test
    @DisplayName("interactions are invisible to other tenants")
    void interactions_areIsolatedByTenant() {
        Customer ada = ada();
        Interaction i =
                crm.interactions().record(email(ada.id()).source("email", "iso").build());
        Crm other = crm.forTenant(TenantId.of(java.util.UUID.randomUUID()));
        assertThat(other.interactions().find(i.id())).isEmpty();
        assertThat(other.interactions().findBySource(SourceRef.of("email", "iso")))
                .isEmpty();
        assertThatNotFound(() -> other.interactions().get(i.id()));
        Customer theirs = other.customers().create(NewCustomer.named("Other"));
        Interaction again = other.interactions()
                .record(email(theirs.id()).source("email", "iso").build());
        assertThat(again.id()).isNotEqualTo(i.id());
        // Another tenant's customer is unknown here, and the refused record is not kept.
        assertThatNotFound(() -> other.interactions()
                .record(email(ada.id()).source("email", "iso-2").build()));
        assertThat(other.interactions().findBySource(SourceRef.of("email", "iso-2")))
                .isEmpty();
        assertThat(crm.interactions().findBySource(SourceRef.of("email", "iso-2")))
                .isEmpty();
    }

    private static void assertThatNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        thrown(NotFoundException.class, call);
    }
}
