package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.Crm;
import dev.rapport.crm.TenantSettings;
import dev.rapport.crm.cases.CasePatch;
import dev.rapport.crm.cases.FirstContactResolution;
import dev.rapport.crm.cases.NewCase;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseChange;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.model.event.CaseChanged;
import dev.rapport.crm.model.event.CaseMerged;
import dev.rapport.crm.model.event.CaseOpened;
import dev.rapport.crm.model.event.CaseReminderDue;
import dev.rapport.crm.model.event.CaseStatusChanged;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.query.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Service cases: opening, the status machine with reopen windows and follow-ups, the facts
 * recorded from linked replies, automatic attachment by thread, updates with versions, merging,
 * relating, history, erasure with the customer, and concurrent commands.
 *
 * @since 0.3
 */
public abstract class CaseContract extends ContractSupport {

    /** The legal moves, written out plainly (not read from {@link CaseStatus}). */
    private static final Map<CaseStatus, Set<CaseStatus>> LEGAL = new EnumMap<>(CaseStatus.class);

    static {
        LEGAL.put(
                CaseStatus.NEW, EnumSet.of(CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.ON_HOLD, CaseStatus.SOLVED));
        LEGAL.put(CaseStatus.OPEN, EnumSet.of(CaseStatus.PENDING, CaseStatus.ON_HOLD, CaseStatus.SOLVED));
        LEGAL.put(CaseStatus.PENDING, EnumSet.of(CaseStatus.OPEN, CaseStatus.ON_HOLD, CaseStatus.SOLVED));
        LEGAL.put(CaseStatus.ON_HOLD, EnumSet.of(CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.SOLVED));
        LEGAL.put(CaseStatus.SOLVED, EnumSet.of(CaseStatus.OPEN, CaseStatus.CLOSED));
        LEGAL.put(CaseStatus.CLOSED, EnumSet.noneOf(CaseStatus.class));
    }

    private Customer customer(String name) {
        return crm.customers().create(NewCustomer.named(name));
    }

    private Case open(CustomerId customer, String subject) {
        return crm.cases().open(NewCase.about(customer, subject).build());
    }

    private Interaction message(CustomerId customer, Direction direction, String thread, String author) {
        return crm.interactions()
                .record(NewInteraction.on(Channel.EMAIL, direction)
                        .customer(customer)
                        .thread(thread)
                        .author(author)
                        .body("text")
                        .build());
    }

    private Case reach(Case c, CaseStatus status) {
        switch (status) {
            case NEW:
                return c;
            case CLOSED:
                return crm.cases().moveTo(reach(c, CaseStatus.SOLVED).id(), CaseStatus.CLOSED, null);
            default:
                return crm.cases().moveTo(c.id(), status, null);
        }
    }

    @Test
    @DisplayName("open stores every field at version 1, status NEW, with an 'opened' history entry and one event")
    void open_storesTheCase() {
        crm.attributes().define(AttributeDefinition.of("order_ref", AttributeType.TEXT));
        Customer ada = customer("Ada");
        listener.clear();
        Case c = crm.cases()
                .open(NewCase.about(ada.id(), "  Parcel arrived damaged ")
                        .description("Two cups broken.\nBox crushed.")
                        .origin(Channel.EMAIL)
                        .priority(CasePriority.HIGH)
                        .category("shipping")
                        .tags("damage", "vip", " damage ")
                        .attribute("order_ref", "536365")
                        .actor("agent-7")
                        .build());
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.status()).isEqualTo(CaseStatus.NEW);
        assertThat(c.subject()).isEqualTo("Parcel arrived damaged");
        assertThat(c.description()).isEqualTo("Two cups broken.\nBox crushed.");
        assertThat(c.origin()).isEqualTo(Channel.EMAIL);
        assertThat(c.priority()).isEqualTo(CasePriority.HIGH);
        assertThat(c.category()).isEqualTo("shipping");
        assertThat(c.tags()).containsExactly("damage", "vip");
        assertThat(c.attributes()).containsOnlyKeys("order_ref");
        assertThat(c.createdAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(crm.cases().get(c.id())).isEqualTo(c);
        List<CaseChange> history = crm.cases().history(c.id(), 100, null).items();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).field()).isEqualTo("opened");
        assertThat(history.get(0).actor()).isEqualTo("agent-7");
        assertThat(listener.events(CaseOpened.class)).singleElement().satisfies(e -> assertThat(e.caseId())
                .isEqualTo(c.id()));
        assertThat(eventLog(crm)).extracting(e -> e.event().type()).endsWith(CaseOpened.TYPE);
    }

    @Test
    @DisplayName("bad input names every field at once and writes nothing")
    void open_refusesBadInputAtOnce() {
        Customer ada = customer("Ada");
        int before = events(crm).size();
        assertThatThrownBy(() -> crm.cases()
                        .open(NewCase.about(ada.id(), " ")
                                .description("bad \u0000 byte")
                                .category("x".repeat(101))
                                .tags("")
                                .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path())
                        .contains("subject", "description", "category", "tags"));
        assertThatThrownBy(() -> crm.cases()
                        .open(NewCase.about(ada.id(), "ok").attribute("nope", 1).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path())
                        .contains("attributes.nope"));
        assertThatThrownBy(() -> open(CustomerId.of(java.util.UUID.randomUUID()), "ok"))
                .isInstanceOf(NotFoundException.class);
        assertThat(events(crm)).hasSize(before);
    }

    @Test
    @DisplayName(
            "every status pair: legal moves succeed, illegal ones are a ConflictException naming both and change nothing")
    void moveTo_followsTheStatusMachine() {
        Customer ada = customer("Ada");
        for (CaseStatus from : CaseStatus.values()) {
            for (CaseStatus to : CaseStatus.values()) {
                if (from == to) {
                    continue;
                }
                Case c = reach(open(ada.id(), from + " to " + to), from);
                assertThat(c.status()).isEqualTo(from);
                if (LEGAL.get(from).contains(to)) {
                    Case moved = crm.cases().moveTo(c.id(), to, "agent");
                    assertThat(moved.status()).as("%s -> %s", from, to).isEqualTo(to);
                    assertThat(moved.version()).isEqualTo(c.version() + 1);
                } else {
                    assertThatThrownBy(() -> crm.cases().moveTo(c.id(), to, "agent"))
                            .as("%s -> %s", from, to)
                            .isInstanceOf(ConflictException.class)
                            .hasMessageContaining(from.name())
                            .hasMessageContaining(to.name());
                    assertThat(crm.cases().get(c.id())).isEqualTo(c);
                }
            }
        }
    }

    @Test
    @DisplayName("generated walks through the status machine agree with the plain table of legal moves")
    void moveTo_generatedWalks() {
        Customer ada = customer("Ada");
        for (long seed : Seeds.seeds(3, "rapport.tck.cases.seeds")) {
            Seeds.run(seed, random -> {
                Case c = open(ada.id(), "walk");
                CaseStatus expected = CaseStatus.NEW;
                int reopens = 0;
                for (int step = 0; step < 25; step++) {
                    CaseStatus to = CaseStatus.values()[random.nextInt(CaseStatus.values().length)];
                    if (to == expected) {
                        assertThat(crm.cases().moveTo(c.id(), to, null).version())
                                .isEqualTo(crm.cases().get(c.id()).version());
                        continue;
                    }
                    if (LEGAL.get(expected).contains(to)) {
                        c = crm.cases().moveTo(c.id(), to, null);
                        if (expected == CaseStatus.SOLVED && to == CaseStatus.OPEN) {
                            reopens++;
                        }
                        expected = to;
                    } else {
                        CaseId id = c.id();
                        assertThatThrownBy(() -> crm.cases().moveTo(id, to, null))
                                .isInstanceOf(ConflictException.class);
                    }
                    assertThat(c.status()).isEqualTo(expected);
                    assertThat(c.facts().reopenCount()).isEqualTo(reopens);
                }
                long moves = crm.cases().history(c.id(), 1000, null).items().stream()
                        .filter(h -> h.field().equals("status"))
                        .count();
                assertThat(moves).isEqualTo(c.version() - 1);
            });
        }
    }

    @Test
    @DisplayName("a solved case reopens within the tenant's window only; after it, a follow-up relates both cases")
    void reopen_withinWindowThenFollowUp() {
        Crm three = builder(storage)
                .tenantSettings(t -> TenantSettings.withPhoneRegion("GB").withReopenWindow(Duration.ofDays(3)))
                .build()
                .forTenant(newTenant());
        Customer ada = three.customers().create(NewCustomer.named("Ada"));
        Case c = three.cases().open(NewCase.about(ada.id(), "Refund").build());
        c = three.cases().moveTo(c.id(), CaseStatus.SOLVED, "agent");
        clock.advance(Duration.ofDays(3));
        c = three.cases().moveTo(c.id(), CaseStatus.OPEN, "customer");
        assertThat(c.facts().reopenCount()).isEqualTo(1);
        assertThat(c.facts().solvedAt()).isNull();
        c = three.cases().moveTo(c.id(), CaseStatus.SOLVED, "agent");
        clock.advance(Duration.ofDays(3).plusSeconds(1));
        CaseId id = c.id();
        assertThatThrownBy(() -> three.cases().moveTo(id, CaseStatus.OPEN, null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("SOLVED")
                .hasMessageContaining("OPEN")
                .hasMessageContaining("follow-up");
        Case next = three.cases()
                .followUp(id, NewCase.about(ada.id(), "Refund again").build());
        assertThat(next.related()).containsExactly(id);
        assertThat(three.cases().get(id).related()).containsExactly(next.id());
        assertThatThrownBy(() -> three.cases()
                        .followUp(next.id(), NewCase.about(ada.id(), "x").build()))
                .isInstanceOf(ConflictException.class);
        Customer bob = three.customers().create(NewCustomer.named("Bob"));
        assertThatThrownBy(() ->
                        three.cases().followUp(id, NewCase.about(bob.id(), "x").build()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    @DisplayName(
            "replies set first response, next response times and reply counts; notes and unsigned mail do not count")
    void facts_fromLinkedReplies() {
        Customer ada = customer("Ada");
        Case c = open(ada.id(), "Where is my order?");
        Instant opened = c.createdAt();
        clock.advance(Duration.ofMinutes(30));
        c = crm.cases()
                .linkInteraction(
                        c.id(),
                        message(ada.id(), Direction.INTERNAL, "t1", "agent-1").id(),
                        null);
        c = crm.cases()
                .linkInteraction(
                        c.id(),
                        crm.interactions()
                                .record(NewInteraction.on(Channel.EMAIL, Direction.OUTBOUND)
                                        .customer(ada.id())
                                        .body("auto-ack")
                                        .build())
                                .id(),
                        null);
        assertThat(c.facts().agentReplies()).isZero();
        assertThat(c.status()).isEqualTo(CaseStatus.NEW);
        clock.advance(Duration.ofMinutes(90));
        c = crm.cases()
                .linkInteraction(
                        c.id(),
                        message(ada.id(), Direction.OUTBOUND, "t1", "agent-1").id(),
                        "agent-1");
        assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(c.firstResponseTime()).contains(Duration.ofHours(2));
        assertThat(c.facts().agentReplies()).isEqualTo(1);
        c = crm.cases().moveTo(c.id(), CaseStatus.PENDING, "agent-1");
        clock.advance(Duration.ofHours(1));
        Instant asked = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        c = crm.cases()
                .linkInteraction(
                        c.id(), message(ada.id(), Direction.INBOUND, "t1", null).id(), null);
        assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(c.facts().awaitingReplySince()).isEqualTo(asked);
        clock.advance(Duration.ofMinutes(10));
        c = crm.cases()
                .linkInteraction(
                        c.id(), message(ada.id(), Direction.INBOUND, "t1", null).id(), null);
        assertThat(c.facts().awaitingReplySince()).isEqualTo(asked);
        clock.advance(Duration.ofMinutes(50));
        c = crm.cases()
                .linkInteraction(
                        c.id(),
                        message(ada.id(), Direction.OUTBOUND, "t1", "agent-2").id(),
                        null);
        assertThat(c.facts().nextResponseTimes()).containsExactly(Duration.ofHours(1));
        assertThat(c.facts().awaitingReplySince()).isNull();
        assertThat(c.facts().agentReplies()).isEqualTo(2);
        assertThat(c.facts().firstResponseAt()).isEqualTo(opened.plus(Duration.ofHours(2)));
        assertThat(c.interactions()).hasSize(6);
        assertThat(c.threads()).containsExactly("t1");
        clock.advance(Duration.ofHours(1));
        c = crm.cases().moveTo(c.id(), CaseStatus.SOLVED, null);
        assertThat(c.resolutionTime()).contains(Duration.ofHours(5));
        assertThat(c.facts().firstContactResolution()).isFalse();
    }

    @Test
    @DisplayName("first contact resolution follows the tenant's policy and is decided again at every solve")
    void facts_firstContactResolutionPolicy() {
        Customer ada = customer("Ada");
        Case quick = open(ada.id(), "Quick");
        crm.cases()
                .linkInteraction(
                        quick.id(),
                        message(ada.id(), Direction.OUTBOUND, "q", "agent").id(),
                        null);
        quick = crm.cases().moveTo(quick.id(), CaseStatus.SOLVED, null);
        assertThat(quick.facts().firstContactResolution()).isTrue();
        quick = crm.cases().moveTo(quick.id(), CaseStatus.OPEN, null);
        assertThat(quick.facts().firstContactResolution()).isNull();
        quick = crm.cases().moveTo(quick.id(), CaseStatus.SOLVED, null);
        assertThat(quick.facts().firstContactResolution()).isFalse();

        Crm strict = builder(storage)
                .tenantSettings(t -> TenantSettings.withPhoneRegion("GB")
                        .withFirstContactResolution(FirstContactResolution.solvedWithin(Duration.ofHours(1))))
                .build()
                .forTenant(newTenant());
        Customer bob = strict.customers().create(NewCustomer.named("Bob"));
        Case fast = strict.cases().open(NewCase.about(bob.id(), "fast").build());
        Case slow = strict.cases().open(NewCase.about(bob.id(), "slow").build());
        clock.advance(Duration.ofMinutes(59));
        assertThat(strict.cases()
                        .moveTo(fast.id(), CaseStatus.SOLVED, null)
                        .facts()
                        .firstContactResolution())
                .isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(strict.cases()
                        .moveTo(slow.id(), CaseStatus.SOLVED, null)
                        .facts()
                        .firstContactResolution())
                .isFalse();
    }

    @Test
    @DisplayName(
            "a message recorded on an active case's thread attaches to it; other customers' and closed cases' do not")
    void attach_byThread() {
        Customer ada = customer("Ada");
        Customer bob = customer("Bob");
        Interaction first = message(ada.id(), Direction.INBOUND, "thread-9", null);
        Case c = crm.cases()
                .open(NewCase.about(ada.id(), "Help").interaction(first.id()).build());
        assertThat(c.threads()).containsExactly("thread-9");
        c = crm.cases().moveTo(c.id(), CaseStatus.PENDING, null);
        clock.advance(Duration.ofMinutes(5));
        Interaction reply = message(ada.id(), Direction.INBOUND, "thread-9", null);
        c = crm.cases().get(c.id());
        assertThat(c.interactions()).containsExactly(first.id(), reply.id());
        assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
        message(bob.id(), Direction.INBOUND, "thread-9", null);
        assertThat(crm.cases().get(c.id()).interactions()).hasSize(2);
        Interaction answer = message(ada.id(), Direction.OUTBOUND, "thread-9", "agent");
        c = crm.cases().get(c.id());
        assertThat(c.interactions()).endsWith(answer.id());
        assertThat(c.facts().agentReplies()).isEqualTo(1);
        c = crm.cases().moveTo(c.id(), CaseStatus.SOLVED, null);
        clock.advance(Duration.ofDays(1));
        message(ada.id(), Direction.INBOUND, "thread-9", null);
        c = crm.cases().get(c.id());
        assertThat(c.status()).as("a reply within the window reopens").isEqualTo(CaseStatus.OPEN);
        assertThat(c.facts().reopenCount()).isEqualTo(1);
        c = reach(c, CaseStatus.CLOSED);
        message(ada.id(), Direction.INBOUND, "thread-9", null);
        assertThat(crm.cases().get(c.id())).isEqualTo(c);
        List<CaseChange> history = crm.cases().history(c.id(), 1000, null).items();
        assertThat(history).filteredOn(h -> "system".equals(h.actor())).isNotEmpty();
    }

    @Test
    @DisplayName("linking refuses another customer's interaction, one linked elsewhere, and a closed case")
    void link_refusesConflicts() {
        Customer ada = customer("Ada");
        Customer bob = customer("Bob");
        Case a = open(ada.id(), "a");
        Case b = open(ada.id(), "b");
        Interaction mine = message(ada.id(), Direction.INBOUND, "x", null);
        Interaction his = message(bob.id(), Direction.INBOUND, "y", null);
        crm.cases().linkInteraction(a.id(), mine.id(), null);
        Case linkedTwice = crm.cases().linkInteraction(a.id(), mine.id(), null);
        assertThat(linkedTwice.interactions()).containsExactly(mine.id());
        assertThatThrownBy(() -> crm.cases().linkInteraction(b.id(), mine.id(), null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(a.id().toString());
        assertThatThrownBy(() -> crm.cases().linkInteraction(b.id(), his.id(), null))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> crm.cases()
                        .open(NewCase.about(ada.id(), "c")
                                .interaction(mine.id())
                                .build()))
                .isInstanceOf(ConflictException.class);
        Case closed = reach(b, CaseStatus.CLOSED);
        Interaction later = message(ada.id(), Direction.INBOUND, "z", null);
        assertThatThrownBy(() -> crm.cases().linkInteraction(closed.id(), later.id(), null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("CLOSED");
        assertThat(crm.cases().get(b.id())).isEqualTo(closed);
    }

    @Test
    @DisplayName("update checks the version, records each change, and a patch that changes nothing keeps the version")
    void update_versionsAndHistory() {
        crm.attributes().define(AttributeDefinition.of("sku", AttributeType.TEXT));
        Customer ada = customer("Ada");
        Case c = crm.cases().open(NewCase.about(ada.id(), "Old").tags("a", "b").build());
        listener.clear();
        Case u = crm.cases()
                .update(
                        c.id(),
                        1,
                        CasePatch.builder()
                                .subject("New")
                                .priority(CasePriority.URGENT)
                                .category("billing")
                                .addTags("c")
                                .removeTags("a", "zz")
                                .attribute("sku", "X1")
                                .actor("agent-3")
                                .build());
        assertThat(u.version()).isEqualTo(2);
        assertThat(u.subject()).isEqualTo("New");
        assertThat(u.priority()).isEqualTo(CasePriority.URGENT);
        assertThat(u.tags()).containsExactly("b", "c");
        List<CaseChange> v2 = crm.cases().history(c.id(), 100, null).items().subList(1, 7);
        assertThat(v2)
                .extracting(CaseChange::field)
                .containsExactly("subject", "priority", "category", "tags", "tags", "attributes.sku");
        assertThat(v2).allSatisfy(h -> {
            assertThat(h.version()).isEqualTo(2);
            assertThat(h.actor()).isEqualTo("agent-3");
        });
        assertThat(v2.get(1).from()).isEqualTo("NORMAL");
        assertThat(v2.get(1).to()).isEqualTo("URGENT");
        assertThat(listener.events(CaseChanged.class)).singleElement().satisfies(e -> assertThat(e.changes())
                .isEqualTo(v2));
        assertThat(crm.cases()
                        .update(c.id(), 2, CasePatch.builder().subject("New").build()))
                .isEqualTo(u);
        assertThatThrownBy(() -> crm.cases()
                        .update(c.id(), 1, CasePatch.builder().subject("Lost").build()))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> crm.cases()
                        .update(c.id(), 2, CasePatch.builder().subject("").build()))
                .isInstanceOf(ValidationException.class);
        assertThat(crm.cases().get(c.id())).isEqualTo(u);
        Case closed = reach(u, CaseStatus.CLOSED);
        assertThatThrownBy(() -> crm.cases()
                        .update(
                                c.id(),
                                closed.version(),
                                CasePatch.builder().subject("x").build()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    @DisplayName("merge moves interactions and threads to the survivor, closes the duplicate, keeps both histories")
    void merge_movesInteractions() {
        Customer ada = customer("Ada");
        Interaction one = message(ada.id(), Direction.INBOUND, "m1", null);
        Interaction two = message(ada.id(), Direction.INBOUND, "m2", null);
        Case keep = crm.cases()
                .open(NewCase.about(ada.id(), "keep").interaction(one.id()).build());
        Case dup = crm.cases()
                .open(NewCase.about(ada.id(), "dup").interaction(two.id()).build());
        listener.clear();
        Case merged = crm.cases().merge(dup.id(), keep.id(), "agent");
        assertThat(merged.interactions()).containsExactly(one.id(), two.id());
        assertThat(merged.threads()).containsExactly("m1", "m2");
        Case gone = crm.cases().get(dup.id());
        assertThat(gone.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(gone.mergedInto()).isEqualTo(keep.id());
        assertThat(gone.interactions()).isEmpty();
        assertThat(listener.events(CaseMerged.class)).singleElement().satisfies(e -> assertThat(e.survivor())
                .isEqualTo(keep.id()));
        assertThat(crm.cases().history(dup.id(), 100, null).items())
                .extracting(CaseChange::field)
                .contains("opened", "interactions", "mergedInto", "status");
        assertThat(crm.cases().history(keep.id(), 100, null).items())
                .extracting(CaseChange::field)
                .contains("mergedFrom");
        clock.advance(Duration.ofMinutes(1));
        Interaction three = message(ada.id(), Direction.INBOUND, "m2", null);
        assertThat(crm.cases().get(keep.id()).interactions()).endsWith(three.id());
        assertThatThrownBy(() -> crm.cases().merge(keep.id(), dup.id(), null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> crm.cases().merge(keep.id(), keep.id(), null)).isInstanceOf(ConflictException.class);
        Customer bob = customer("Bob");
        Case his = open(bob.id(), "his");
        assertThatThrownBy(() -> crm.cases().merge(his.id(), keep.id(), null)).isInstanceOf(ConflictException.class);
    }

    @Test
    @DisplayName("relate links two cases of one customer both ways, once")
    void relate_bothWays() {
        Customer ada = customer("Ada");
        Case a = open(ada.id(), "a");
        Case b = open(ada.id(), "b");
        Case related = crm.cases().relate(a.id(), b.id(), null);
        assertThat(related.related()).containsExactly(b.id());
        assertThat(crm.cases().get(b.id()).related()).containsExactly(a.id());
        assertThat(crm.cases().relate(b.id(), a.id(), null).version()).isEqualTo(2);
        assertThatThrownBy(() -> crm.cases().relate(a.id(), a.id(), null)).isInstanceOf(ConflictException.class);
    }

    @Test
    @DisplayName("history pages by cursor in (version, index) order; a bad cursor is a ValidationException")
    void history_pages() {
        Customer ada = customer("Ada");
        Case c = open(ada.id(), "paged");
        for (int i = 0; i < 7; i++) {
            c = crm.cases()
                    .update(
                            c.id(),
                            c.version(),
                            CasePatch.builder().addTags("t" + i, "u" + i).build());
        }
        List<CaseChange> all = crm.cases().history(c.id(), 1000, null).items();
        assertThat(all).hasSize(15);
        for (int size = 1; size <= 4; size++) {
            List<CaseChange> paged = new ArrayList<>();
            String cursor = null;
            do {
                Page<CaseChange> page = crm.cases().history(c.id(), size, cursor);
                assertThat(page.items().size()).isLessThanOrEqualTo(size);
                paged.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(paged).isEqualTo(all);
        }
        CaseId id = c.id();
        assertThatThrownBy(() -> crm.cases().history(id, 10, "nope")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> crm.cases().history(id, 0, null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> crm.cases().history(CaseId.of(java.util.UUID.randomUUID()), 10, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("deleting the customer deletes their cases and history; other tenants never see a case")
    void erasureAndTenancy() {
        Customer ada = customer("Ada");
        Customer bob = customer("Bob");
        Case a = open(ada.id(), "a");
        Case b = open(bob.id(), "b");
        assertThat(crm.forTenant(newTenant()).cases().find(a.id())).isEmpty();
        crm.customers().delete(ada.id());
        assertThat(crm.cases().find(a.id())).isEmpty();
        assertThat(crm.cases().find(b.id())).isPresent();
        assertThatThrownBy(() -> crm.cases().history(a.id(), 10, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("concurrent links to one case all land, each one version up, none lost")
    void concurrentCommands_allLand() throws Exception {
        Customer ada = customer("Ada");
        Case c = open(ada.id(), "busy");
        int threads = 6;
        List<Interaction> messages = new ArrayList<>();
        for (int i = 0; i < threads * 3; i++) {
            messages.add(message(ada.id(), Direction.INBOUND, "own-" + i, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * 3;
                done.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                            for (int i = from; i < from + 3; i++) {
                                crm.cases()
                                        .linkInteraction(c.id(), messages.get(i).id(), null);
                            }
                        },
                        pool));
            }
            start.countDown();
            CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Case after = crm.cases().get(c.id());
        assertThat(after.version()).isEqualTo(1 + threads * 3);
        assertThat(after.interactions())
                .containsExactlyInAnyOrderElementsOf(
                        messages.stream().map(Interaction::id).toList());
        assertThat(crm.cases().history(c.id(), 1000, null).items())
                .filteredOn(h -> h.field().equals("interactions"))
                .hasSize(threads * 3);
        List<CrmEvent> changed = eventLog(crm).stream()
                .map(e -> e.event())
                .filter(e -> e instanceof CaseChanged)
                .toList();
        assertThat(changed).hasSize(threads * 3);
        assertThat(listener.events(CaseStatusChanged.class)).isEmpty();
    }

    @Test
    @DisplayName(
            "due work reminds of a case pending too long, once per pending spell, and closes solved cases nobody reopened")
    void dueWork_remindsAndAutoCloses() {
        Crm tenantView = builder(storage)
                .tenantSettings(t -> TenantSettings.withPhoneRegion("GB")
                        .withPendingReminder(Duration.ofDays(2))
                        .withAutoClose(Duration.ofDays(3)))
                .build()
                .forTenant(newTenant());
        Customer ada = tenantView.customers().create(NewCustomer.named("Ada"));
        Case opened = tenantView.cases().open(NewCase.about(ada.id(), "waiting").build());
        Case answered =
                tenantView.cases().open(NewCase.about(ada.id(), "answered").build());
        Case waiting = tenantView.cases().moveTo(opened.id(), CaseStatus.PENDING, "agent");
        Instant pendingSince = waiting.updatedAt();
        tenantView.cases().moveTo(answered.id(), CaseStatus.PENDING, "agent");
        clock.advance(Duration.ofDays(1));
        tenantView.cases().moveTo(answered.id(), CaseStatus.OPEN, "customer");
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        tenantView.runDueWork();
        tenantView.runDueWork();
        assertThat(listener.events(CaseReminderDue.class))
                .filteredOn(e -> e.tenantId().equals(tenantView.tenant()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.caseId()).isEqualTo(waiting.id());
                    assertThat(e.pendingSince()).isEqualTo(pendingSince);
                });
        assertThat(tenantView.cases().history(waiting.id(), 100, null).items())
                .extracting(CaseChange::field)
                .contains("reminder");

        Case solved = tenantView.cases().moveTo(waiting.id(), CaseStatus.SOLVED, "agent");
        Case reopened = tenantView.cases().moveTo(answered.id(), CaseStatus.SOLVED, "agent");
        clock.advance(Duration.ofDays(1));
        tenantView.cases().moveTo(reopened.id(), CaseStatus.OPEN, "customer");
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        tenantView.runDueWork();
        assertThat(tenantView.cases().get(solved.id()).status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(tenantView.cases().get(solved.id()).facts().closedAt()).isNotNull();
        assertThat(tenantView.cases().get(reopened.id()).status()).isEqualTo(CaseStatus.OPEN);
        assertThat(listener.events(CaseStatusChanged.class))
                .filteredOn(e -> e.caseId().equals(solved.id()) && e.to() == CaseStatus.CLOSED)
                .hasSize(1);

        Case untouched = open(customer("Bob").id(), "default tenant settings");
        crm.cases().moveTo(untouched.id(), CaseStatus.SOLVED, null);
        clock.advance(Duration.ofDays(30));
        crm.runDueWork();
        assertThat(crm.cases().get(untouched.id()).status())
                .as("no auto-close unless the tenant asks for it")
                .isEqualTo(CaseStatus.SOLVED);
    }

    @Test
    @DisplayName("a tenant that turns reminders and auto-close off gets neither from timers set before")
    void dueWork_followsTheTenantsSettingsWhenTheTimerFires() {
        java.util.concurrent.atomic.AtomicReference<TenantSettings> settings =
                new java.util.concurrent.atomic.AtomicReference<>(TenantSettings.withPhoneRegion("GB")
                        .withPendingReminder(Duration.ofDays(2))
                        .withAutoClose(Duration.ofDays(3)));
        Crm tenantView =
                builder(storage).tenantSettings(t -> settings.get()).build().forTenant(newTenant());
        Customer ada = tenantView.customers().create(NewCustomer.named("Ada"));
        Case waiting = tenantView
                .cases()
                .moveTo(
                        tenantView
                                .cases()
                                .open(NewCase.about(ada.id(), "waiting").build())
                                .id(),
                        CaseStatus.PENDING,
                        "agent");
        Case solved = tenantView
                .cases()
                .moveTo(
                        tenantView
                                .cases()
                                .open(NewCase.about(ada.id(), "solved").build())
                                .id(),
                        CaseStatus.SOLVED,
                        "agent");
        settings.set(TenantSettings.withPhoneRegion("GB"));
        clock.advance(Duration.ofDays(4));
        tenantView.runDueWork();
        tenantView.runDueWork();
        assertThat(listener.events(CaseReminderDue.class))
                .filteredOn(e -> e.tenantId().equals(tenantView.tenant()))
                .isEmpty();
        assertThat(tenantView.cases().get(waiting.id()).status()).isEqualTo(CaseStatus.PENDING);
        assertThat(tenantView.cases().get(solved.id()).status()).isEqualTo(CaseStatus.SOLVED);
    }
}
