package dev.rapport.crm.inmemory;

import static dev.rapport.crm.inmemory.Fixtures.customer;
import static dev.rapport.crm.inmemory.Fixtures.withAttribute;
import static dev.rapport.crm.inmemory.Fixtures.withIdentities;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.CustomerPageRequest;
import dev.rapport.crm.spi.StoredEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrencyTest {
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final TenantId tenant = Fixtures.tenant();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        storage.close();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    @Test
    void reader_neverSeesHalfATransaction() throws Exception {
        int pairs = 2_000;
        List<Customer[]> committed = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            committed.add(new Customer[] {
                customer("First " + i, Identity.email("first" + i + "@example.com")),
                customer("Second " + i, Identity.email("second" + i + "@example.com"))
            });
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        Future<?> writer = pool.submit(() -> {
            start.await();
            try {
                for (Customer[] pair : committed) {
                    storage.inTransaction(tenant, s -> {
                        s.customers().insert(pair[0]);
                        s.customers().insert(pair[1]);
                        s.events()
                                .append(List.of(Fixtures.created(tenant, pair[0]), Fixtures.created(tenant, pair[1])));
                        return null;
                    });
                }
            } finally {
                writing.set(false);
            }
            return null;
        });
        Callable<Integer> reader = () -> {
            start.await();
            int checks = 0;
            boolean last;
            do {
                last = !writing.get();
                checks += storage.read(tenant, s -> {
                    long count = s.customers().count(CustomerCriteria.all());
                    assertThat(count % 2).as("count of whole pairs").isZero();
                    List<Customer> listed = s.customers()
                            .list(new CustomerPageRequest(CustomerCriteria.all(), CustomerSort.CREATED, 10_000, null));
                    assertThat(listed.size() % 2).as("listed whole pairs").isZero();
                    List<StoredEvent> events = s.events().read(0, 10_000);
                    assertThat(events.size() % 2)
                            .as("whole transactions of events")
                            .isZero();
                    int seen = 0;
                    for (int i = pairs - 1; i >= 0; i -= 37) {
                        Customer[] pair = committed.get(i);
                        // Second first: if it is visible, its transaction committed, so the first is too.
                        Optional<Customer> second = s.customers().get(pair[1].id());
                        if (second.isPresent()) {
                            seen++;
                            assertThat(s.customers().get(pair[0].id())).contains(pair[0]);
                            assertThat(s.customers().findByIdentity(Identity.email("second" + i + "@example.com")))
                                    .contains(pair[1]);
                            assertThat(s.customers().findByIdentity(Identity.email("first" + i + "@example.com")))
                                    .contains(pair[0]);
                        }
                    }
                    return seen;
                });
            } while (!last);
            return checks;
        };
        Future<Integer> reader1 = pool.submit(reader);
        Future<Integer> reader2 = pool.submit(reader);
        start.countDown();
        await(writer);
        await(reader1);
        await(reader2);
        long total = storage.read(tenant, s -> s.customers().count(CustomerCriteria.all()));
        assertThat(total).isEqualTo(2L * pairs);
    }

    @Test
    void identityMovedInOneTransaction_alwaysHasExactlyOneHolder() throws Exception {
        Identity shared = Identity.email("shared@example.com");
        Customer a = customer("A", shared);
        Customer b = customer("B");
        storage.inTransaction(tenant, s -> {
            s.customers().insert(a);
            s.customers().insert(b);
            return null;
        });
        int moves = 2_000;
        AtomicBoolean moving = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        Future<?> mover = pool.submit(() -> {
            start.await();
            try {
                for (int i = 0; i < moves; i++) {
                    storage.inTransaction(tenant, s -> {
                        Customer holder = s.customers().findByIdentity(shared).orElseThrow();
                        Customer other = s.customers()
                                .get(holder.id().equals(a.id()) ? b.id() : a.id())
                                .orElseThrow();
                        s.customers().update(holder, withIdentities(holder));
                        s.customers().update(other, withIdentities(other, shared));
                        return null;
                    });
                }
            } finally {
                moving.set(false);
            }
            return null;
        });
        Future<Integer> reader = pool.submit(() -> {
            start.await();
            int reads = 0;
            while (moving.get()) {
                Optional<Customer> holder =
                        storage.read(tenant, s -> s.customers().findByIdentity(shared));
                assertThat(holder).isPresent();
                assertThat(holder.orElseThrow().identities()).containsExactly(shared);
                // Both rows change in one commit: their versions never differ by more than one.
                storage.read(tenant, s -> {
                    long total = s
                            .customers()
                            .list(new CustomerPageRequest(CustomerCriteria.all(), CustomerSort.NAME, 10, null))
                            .stream()
                            .filter(c -> !c.identities().isEmpty())
                            .count();
                    assertThat(total).as("holders in one consistent listing").isEqualTo(1);
                    return null;
                });
                reads++;
            }
            return reads;
        });
        start.countDown();
        await(mover);
        await(reader);
    }

    @Test
    void identityRace_betweenTwoThreads_hasExactlyOneWinner() throws Exception {
        for (int round = 0; round < 200; round++) {
            Identity email = Identity.email("race" + round + "@example.com");
            Customer left = customer("Left", email);
            Customer right = customer("Right", email);
            CyclicBarrier barrier = new CyclicBarrier(2);
            Callable<Optional<IdentityConflictException>> insertLeft = () -> insertRacing(barrier, left);
            Callable<Optional<IdentityConflictException>> insertRight = () -> insertRacing(barrier, right);
            Future<Optional<IdentityConflictException>> l = pool.submit(insertLeft);
            Future<Optional<IdentityConflictException>> r = pool.submit(insertRight);
            Optional<IdentityConflictException> leftFailure = await(l);
            Optional<IdentityConflictException> rightFailure = await(r);

            assertThat(leftFailure.isPresent() ^ rightFailure.isPresent())
                    .as("exactly one insert fails in round %d", round)
                    .isTrue();
            Customer winner = leftFailure.isPresent() ? right : left;
            IdentityConflictException failure =
                    leftFailure.or(() -> rightFailure).orElseThrow();
            assertThat(failure.existingCustomerId()).isEqualTo(winner.id());
            Optional<Customer> holder = storage.read(tenant, s -> s.customers().findByIdentity(email));
            assertThat(holder).contains(winner);
            Customer loser = winner == left ? right : left;
            Optional<Customer> lost = storage.read(tenant, s -> s.customers().get(loser.id()));
            assertThat(lost).isEmpty();
        }
    }

    private Optional<IdentityConflictException> insertRacing(CyclicBarrier barrier, Customer customer)
            throws Exception {
        barrier.await();
        try {
            storage.inTransaction(tenant, s -> {
                s.customers().insert(customer);
                return null;
            });
            return Optional.empty();
        } catch (IdentityConflictException e) {
            return Optional.of(e);
        }
    }

    @Test
    void counterIncrementedByManyThreads_withRetries_losesNoUpdate() throws Exception {
        Customer counter = withAttribute(customer("Counter"), "counter", new AttributeValue.Int(0));
        Customer initial = new Customer(
                counter.id(),
                1,
                counter.createdAt(),
                counter.updatedAt(),
                counter.displayName(),
                null,
                null,
                List.of(),
                counter.preferences(),
                counter.stage(),
                List.of(),
                counter.attributes());
        storage.inTransaction(tenant, s -> {
            s.customers().insert(initial);
            return null;
        });
        int threads = 8;
        int increments = 250;
        AtomicLong retries = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < increments; i++) {
                    while (true) {
                        // Read outside the transaction, as an engine reading then writing would:
                        // another thread may commit in between, and the update must notice.
                        Customer before = storage.read(
                                        tenant, s -> s.customers().get(initial.id()))
                                .orElseThrow();
                        long value = ((AttributeValue.Int) before.attributes().get("counter")).value();
                        Customer after = withAttribute(before, "counter", new AttributeValue.Int(value + 1));
                        try {
                            storage.inTransaction(tenant, s -> {
                                s.customers().update(before, after);
                                s.events().append(List.of(Fixtures.updated(tenant, before.id(), after.version())));
                                return null;
                            });
                            break;
                        } catch (ConcurrencyException e) {
                            retries.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            await(worker);
        }

        Customer last =
                storage.read(tenant, s -> s.customers().get(initial.id())).orElseThrow();
        assertThat(last.attributes().get("counter")).isEqualTo(new AttributeValue.Int((long) threads * increments));
        assertThat(last.version()).isEqualTo(1L + threads * increments);
        List<StoredEvent> events = storage.read(tenant, s -> s.events().read(0, 100_000));
        assertThat(events).hasSize(threads * increments);
        assertThat(retries.get()).as("retries (informative)").isGreaterThanOrEqualTo(0);
    }

    @Test
    void eventLog_withEightWritersAndAPoller_deliversEveryCommittedEventOnce() throws Exception {
        int writers = 8;
        int transactionsPerWriter = 400;
        Set<EventId> committedIds = ConcurrentHashMap.newKeySet();
        Set<EventId> rolledBackIds = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger(writers);
        CyclicBarrier start = new CyclicBarrier(writers + 1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    for (int t = 0; t < transactionsPerWriter; t++) {
                        int size = 1 + (t % 3);
                        List<CrmEvent> events = new ArrayList<>();
                        for (int e = 0; e < size; e++) {
                            events.add(Fixtures.updated(tenant, Fixtures.customerId(), writer * 1_000_000L + t));
                        }
                        boolean rollBack = t % 5 == 4;
                        try {
                            storage.inTransaction(tenant, s -> {
                                s.events().append(events.subList(0, 1));
                                s.events().append(events.subList(1, events.size()));
                                if (rollBack) {
                                    throw new IllegalStateException("rolled back on purpose");
                                }
                                return null;
                            });
                            events.forEach(e -> committedIds.add(e.id()));
                        } catch (IllegalStateException expected) {
                            events.forEach(e -> rolledBackIds.add(e.id()));
                        }
                    }
                } finally {
                    running.decrementAndGet();
                }
                return null;
            }));
        }
        Future<List<StoredEvent>> poller = pool.submit(() -> {
            start.await();
            List<StoredEvent> seen = new ArrayList<>();
            long position = 0;
            while (true) {
                boolean finished = running.get() == 0;
                long from = position;
                List<StoredEvent> batch = storage.read(tenant, s -> s.events().read(from, 97));
                for (StoredEvent event : batch) {
                    assertThat(event.position()).as("positions without gaps").isEqualTo(position + 1);
                    position = event.position();
                    seen.add(event);
                }
                if (finished && batch.isEmpty()) {
                    return seen;
                }
            }
        });
        for (Future<?> future : futures) {
            await(future);
        }
        List<StoredEvent> seen = await(poller);

        Set<EventId> seenIds = new HashSet<>();
        for (StoredEvent event : seen) {
            assertThat(seenIds.add(event.event().id())).as("seen once").isTrue();
        }
        assertThat(seenIds).isEqualTo(committedIds);
        assertThat(seenIds).doesNotContainAnyElementsOf(rolledBackIds);
        assertThat(rolledBackIds).isNotEmpty();
        // A transaction's events are contiguous: events of one (writer, transaction) are adjacent.
        List<Long> tags = seen.stream()
                .map(e -> ((dev.rapport.crm.model.event.CustomerUpdated) e.event()).version())
                .toList();
        Set<Long> closed = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0 && !tags.get(i).equals(tags.get(i - 1))) {
                assertThat(closed.add(tags.get(i - 1)))
                        .as("transaction interleaved")
                        .isTrue();
            }
            assertThat(closed).doesNotContain(tags.get(i));
        }
    }

    @Test
    void writeTransactionsOfDifferentTenants_runInParallel() throws Exception {
        TenantId other = Fixtures.tenant();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        Future<?> first = pool.submit(() -> storage.inTransaction(tenant, s -> {
            firstInside.countDown();
            try {
                // Would deadlock (and time out) if tenants shared a writer lock.
                assertThat(secondDone.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }));
        Future<?> second = pool.submit(() -> {
            firstInside.await();
            storage.inTransaction(other, s -> {
                s.customers().insert(customer("Other tenant"));
                return null;
            });
            secondDone.countDown();
            return null;
        });
        await(second);
        await(first);
        long inOther = storage.read(other, s -> s.customers().count(CustomerCriteria.all()));
        assertThat(inOther).isEqualTo(1);
    }
}
