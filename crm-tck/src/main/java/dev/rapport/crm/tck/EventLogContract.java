package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.events.EventCursor;
import dev.rapport.crm.events.EventPage;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerDeleted;
import dev.rapport.crm.model.event.CustomerEvent;
import dev.rapport.crm.model.event.CustomerIdentityAdded;
import dev.rapport.crm.model.event.CustomerIdentityRemoved;
import dev.rapport.crm.model.event.CustomerStageChanged;
import dev.rapport.crm.model.event.CustomerUpdated;
import dev.rapport.crm.spi.StoredEvent;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The event log: every command records its events in its transaction, readable in position order
 * with a cursor; listeners run after commit and cannot undo it; failed commands record nothing;
 * events round-trip through JSON; and a reader polling while many threads write sees every
 * committed event exactly once.
 *
 * <p>System properties: {@code rapport.tck.threads} (default 8) and {@code
 * rapport.tck.writesPerThread} (default 25).
 *
 * @since 0.1
 */
public abstract class EventLogContract extends ContractSupport {

    /** Runs one command of every kind on one customer and returns its id. */
    private Customer runEveryCommand() {
        crm.attributes().define(AttributeDefinition.of("level", AttributeType.INTEGER));
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        clock.advanceMicros(1);
        crm.customers()
                .update(c.id(), 1, CustomerPatch.builder().displayName("Ada K").build());
        clock.advanceMicros(1);
        crm.customers().addIdentity(c.id(), Identity.email("ada@example.com"));
        clock.advanceMicros(1);
        crm.customers().removeIdentity(c.id(), Identity.email("ADA@example.com"));
        clock.advanceMicros(1);
        crm.customers().tag(c.id(), "vip");
        clock.advanceMicros(1);
        crm.customers().setAttributes(c.id(), Map.of("level", 3));
        clock.advanceMicros(1);
        crm.customers().clearAttributes(c.id(), "level");
        clock.advanceMicros(1);
        crm.customers().changeStage(c.id(), LifecycleStage.CUSTOMER);
        clock.advanceMicros(1);
        crm.customers().delete(c.id());
        return c;
    }

    @Test
    @DisplayName("every command records its event with version, clock time and tenant, at positions 1, 2, 3, ...")
    void everyCommand_recordsItsEvent() {
        Customer c = runEveryCommand();
        List<StoredEvent> log = eventLog(crm);
        assertThat(log).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        List<CrmEvent> events = log.stream().map(StoredEvent::event).toList();
        assertThat(events)
                .extracting(CrmEvent::type)
                .containsExactly(
                        CustomerCreated.TYPE,
                        CustomerUpdated.TYPE,
                        CustomerIdentityAdded.TYPE,
                        CustomerIdentityRemoved.TYPE,
                        CustomerUpdated.TYPE,
                        CustomerUpdated.TYPE,
                        CustomerUpdated.TYPE,
                        CustomerStageChanged.TYPE,
                        CustomerDeleted.TYPE);
        assertThat(events)
                .extracting(e -> ((CustomerEvent) e).version())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 8L);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tenantId()).isEqualTo(crm.tenant());
            assertThat(((CustomerEvent) e).customerId()).isEqualTo(c.id());
        });
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).occurredAt())
                    .isEqualTo(START.plusNanos(1000L * i).truncatedTo(ChronoUnit.MICROS));
        }
        assertThat(events.stream().map(CrmEvent::id).collect(Collectors.toSet()))
                .hasSize(9);
        assertThat(events.stream().filter(CustomerUpdated.class::isInstance).map(e -> ((CustomerUpdated) e)
                        .changedFields()))
                .containsExactly(
                        List.of("displayName"),
                        List.of("tags"),
                        List.of("attributes.level"),
                        List.of("attributes.level"));
        assertThat(((CustomerIdentityAdded) events.get(2)).identity()).isEqualTo(Identity.email("ada@example.com"));
        assertThat(((CustomerIdentityRemoved) events.get(3)).identity()).isEqualTo(Identity.email("ada@example.com"));
        CustomerStageChanged stage = (CustomerStageChanged) events.get(7);
        assertThat(stage.from()).isEqualTo(LifecycleStage.LEAD);
        assertThat(stage.to()).isEqualTo(LifecycleStage.CUSTOMER);
        assertThat(listener.events()).containsExactlyElementsOf(events);
    }

    @Test
    @DisplayName("a reader following its cursor in small pages reads every event once; at the end the cursor stays put")
    void read_withCursorInSmallPages() {
        runEveryCommand();
        List<StoredEvent> all = eventLog(crm);
        List<StoredEvent> read = new ArrayList<>();
        EventCursor cursor = EventCursor.beginning();
        while (true) {
            EventPage page = crm.events().read(cursor, 2);
            assertThat(page.events().size()).isLessThanOrEqualTo(2);
            if (page.events().isEmpty()) {
                assertThat(page.next()).isEqualTo(cursor);
                break;
            }
            assertThat(page.events().get(0).position()).isEqualTo(cursor.position() + 1);
            read.addAll(page.events());
            cursor = EventCursor.parse(page.next().toString());
        }
        assertThat(read).isEqualTo(all);
        assertThat(crm.events().read(new EventCursor(5), 100).events())
                .extracting(StoredEvent::position)
                .containsExactly(6L, 7L, 8L, 9L);
        assertThat(crm.events().read(new EventCursor(1000), 100).events()).isEmpty();
        for (int bad : List.of(0, 10_001)) {
            assertThat(paths(
                            thrown(ValidationException.class, () -> crm.events().read(EventCursor.beginning(), bad))))
                    .containsExactly("limit");
        }
    }

    @Test
    @DisplayName("listeners run after commit: a listener reading the customer sees the committed change")
    void listeners_runAfterCommit() {
        AtomicReference<Crm> view = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        Crm withProbe = builder(storage)
                .listener(e -> {
                    CustomerEvent ce = (CustomerEvent) e;
                    seen.add(e.type() + "@"
                            + view.get()
                                    .customers()
                                    .find(ce.customerId())
                                    .map(Customer::version)
                                    .orElse(-1L));
                })
                .build()
                .forTenant(crm.tenant());
        view.set(withProbe);
        Customer c = withProbe.customers().create(NewCustomer.named("Probe"));
        withProbe.customers().tag(c.id(), "seen");
        withProbe.customers().delete(c.id());
        assertThat(seen).containsExactly("customer.created@1", "customer.updated@2", "customer.deleted@-1");
    }

    @Test
    @DisplayName("a throwing listener neither undoes the commit nor keeps later listeners from being told")
    void throwingListener_doesNotUndoCommitOrStarveOthers() {
        RecordingListener later = new RecordingListener();
        Crm fragile = builder(storage)
                .listener(e -> {
                    throw new IllegalStateException("listener failure (expected by the TCK)");
                })
                .listener(later)
                .build()
                .forTenant(crm.tenant());
        Customer c = fragile.customers().create(NewCustomer.named("Survivor"));
        fragile.customers().tag(c.id(), "still");
        assertThat(crm.customers().get(c.id()).tags()).containsExactly("still");
        assertThat(later.events())
                .extracting(CrmEvent::type)
                .containsExactly(CustomerCreated.TYPE, CustomerUpdated.TYPE);
        assertThat(eventLog(crm)).extracting(s -> s.event()).containsExactlyElementsOf(later.events());
    }

    @Test
    @DisplayName("a failed command records no event and tells no listener")
    void failedCommands_recordNothing() {
        crm.attributes()
                .define(AttributeDefinition.of("level", AttributeType.INTEGER)
                        .withRange(null, java.math.BigDecimal.TEN));
        Customer c = crm.customers().create(NewCustomer.named("Ada").email("ada@example.com"));
        Customer other = crm.customers().create(NewCustomer.named("Bob"));
        assertRefusedWithoutWrites(
                crm, ValidationException.class, () -> crm.customers().create(NewCustomer.named(" ")));
        assertRefusedWithoutWrites(crm, IdentityConflictException.class, () -> crm.customers()
                .create(NewCustomer.named("X").email("ADA@example.com")));
        assertRefusedWithoutWrites(crm, IdentityConflictException.class, () -> crm.customers()
                .addIdentity(other.id(), Identity.email("ada@example.com")));
        assertRefusedWithoutWrites(crm, ConcurrencyException.class, () -> crm.customers()
                .update(c.id(), 7, CustomerPatch.builder().displayName("Y").build()));
        assertRefusedWithoutWrites(
                crm, ValidationException.class, () -> crm.customers().setAttributes(c.id(), Map.of("level", 11)));
        assertRefusedWithoutWrites(crm, NotFoundException.class, () -> crm.customers()
                .tag(dev.rapport.crm.model.CustomerId.of(java.util.UUID.randomUUID()), "x"));
        assertThat(eventLog(crm)).hasSize(2);
    }

    @Test
    @DisplayName("every event type round-trips through CrmJson under its stable type name")
    void events_roundTripThroughJson() {
        runEveryCommand();
        List<CrmEvent> events = events(crm);
        Set<String> types = new HashSet<>();
        for (CrmEvent e : events) {
            String json = CrmJson.write(e);
            assertThat(json).contains("\"type\":\"" + e.type() + "\"");
            assertThat(json).doesNotContain("dev.rapport");
            assertThat(CrmJson.read(json, CrmEvent.class)).isEqualTo(e);
            assertThat(CrmJson.read(json, e.getClass())).isEqualTo(e);
            types.add(e.type());
        }
        assertThat(types)
                .containsExactlyInAnyOrder(
                        "customer.created",
                        "customer.updated",
                        "customer.identity-added",
                        "customer.identity-removed",
                        "customer.stage-changed",
                        "customer.deleted");
    }

    @Test
    @DisplayName(
            "while 8 threads commit commands, a polling reader sees every committed event exactly once, in contiguous positions")
    void pollingReader_seesEveryCommittedEventOnce() throws Exception {
        int threads = Seeds.intProperty("rapport.tck.threads", 8);
        int writes = Seeds.intProperty("rapport.tck.writesPerThread", 25);
        Set<EventId> committed = ConcurrentHashMap.newKeySet();
        Crm writer =
                builder(storage).listener(e -> committed.add(e.id())).build().forTenant(crm.tenant());
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    Customer c = writer.customers().create(NewCustomer.named("W" + thread));
                    for (int i = 0; i < writes; i++) {
                        switch (i % 4) {
                            case 0 -> c = writer.customers().tag(c.id(), "t" + i);
                            case 1 -> c = writer.customers().changeStage(c.id(), LifecycleStage.values()[i % 5]);
                            case 2 -> c = writer.customers().create(NewCustomer.named("W" + thread + "-" + i));
                            default ->
                                c = writer.customers()
                                        .update(
                                                c.id(),
                                                c.version(),
                                                CustomerPatch.builder()
                                                        .displayName("U" + i)
                                                        .build());
                        }
                    }
                    return writes;
                }));
            }
            Callable<List<StoredEvent>> poll = () -> {
                start.await();
                List<StoredEvent> seen = new ArrayList<>();
                EventCursor cursor = EventCursor.beginning();
                while (true) {
                    boolean last = !writing.get();
                    EventPage page = crm.events().read(cursor, 7);
                    for (StoredEvent e : page.events()) {
                        if (e.position() != cursor.position() + 1) {
                            throw new AssertionError("after position " + cursor.position() + " the reader got "
                                    + e.position() + ": an event was skipped or repeated");
                        }
                        seen.add(e);
                        cursor = new EventCursor(e.position());
                    }
                    if (last && page.events().isEmpty()) {
                        return seen;
                    }
                    Thread.onSpinWait();
                }
            };
            Future<List<StoredEvent>> reader = pool.submit(poll);
            start.countDown();
            for (Future<Integer> w : writers) {
                w.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            List<StoredEvent> seen = reader.get(120, TimeUnit.SECONDS);
            Set<EventId> seenIds = seen.stream().map(e -> e.event().id()).collect(Collectors.toSet());
            assertThat(seenIds).as("no event seen twice").hasSize(seen.size());
            assertThat(seen.size()).as("events seen").isGreaterThanOrEqualTo(threads * (1 + writes / 2));
            assertThat(seenIds).as("every committed event seen, none invented").isEqualTo(committed);
            assertThat(seen).extracting(StoredEvent::position).isSorted();
            assertThat(eventLog(crm)).isEqualTo(seen);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }
}
