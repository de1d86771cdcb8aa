package dev.rapport.crm.jdbc;

import static dev.rapport.crm.jdbc.ActivityData.BHD;
import static dev.rapport.crm.jdbc.ActivityData.EUR;
import static dev.rapport.crm.jdbc.ActivityData.JPY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.jdbc.ActivityData.Reversed;
import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.CurrencyTotals;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Money;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.PurchaseFacts;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.TimelineRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the JDBC adapter's activity stores (interactions, orders and reversals, the timeline, facts
 * and totals) must do on every database. A subclass per database names the fixture; each test
 * works in its own random tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcActivityContract {

    private static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");

    private TestDatabase database;
    private CountingDataSource dataSource;
    private JdbcStorage storage;

    /** @return a fresh database for this class */
    abstract TestDatabase openDatabase();

    @BeforeAll
    void setUp() {
        database = openDatabase();
        dataSource = new CountingDataSource(database.dataSource());
        storage = JdbcStorage.create(dataSource);
    }

    @AfterAll
    void tearDown() {
        if (storage != null) {
            storage.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @AfterEach
    void everyConnectionWasReturned() {
        assertThat(dataSource.openConnections()).as("connections left open").isZero();
    }

    private static TenantId newTenant() {
        return new TenantId(UUID.randomUUID());
    }

    private static CustomerId newCustomer() {
        return new CustomerId(UUID.randomUUID());
    }

    private <T> T tx(TenantId tenant, Function<StorageSession, T> work) {
        return storage.inTransaction(tenant, work::apply);
    }

    private <T> T read(TenantId tenant, Function<StorageSession, T> work) {
        return storage.read(tenant, work::apply);
    }

    /**
     * Stores a customer for each id the tenant lacks: the adapter refuses an interaction whose
     * customer the tenant does not have ({@code InteractionStore#refusesUnknownCustomers}).
     */
    private void customers(TenantId tenant, Collection<CustomerId> ids) {
        tx(tenant, (StorageSession s) -> {
            for (CustomerId id : new LinkedHashSet<>(ids)) {
                if (s.customers().existing(List.of(id)).isEmpty()) {
                    s.customers().insert(TestData.simpleCustomer(id, "Customer " + id, id + "@example.com", BASE));
                }
            }
            return null;
        });
    }

    private void customers(TenantId tenant, CustomerId id) {
        customers(tenant, List.of(id));
    }

    private void insertAll(TenantId tenant, List<? extends Activity> activities) {
        List<CustomerId> buyers = new ArrayList<>();
        for (Activity activity : activities) {
            if (activity instanceof Interaction i && i.customerId() != null) {
                buyers.add(i.customerId());
            }
        }
        customers(tenant, buyers);
        tx(tenant, (StorageSession s) -> {
            for (Activity activity : activities) {
                Optional<? extends Activity> holder = insertIfAbsent(s, activity);
                assertThat(holder).as("inserted %s", activity.activityId()).isEmpty();
            }
            return null;
        });
    }

    private static Optional<? extends Activity> insertIfAbsent(StorageSession s, Activity activity) {
        if (activity instanceof Interaction i) {
            return s.interactions().insertIfAbsent(i);
        }
        if (activity instanceof Order o) {
            return s.orders().insertIfAbsent(o);
        }
        return s.orders().insertReversalIfAbsent((Reversal) activity);
    }

    // --- round trips ---

    @Test
    @DisplayName("an interaction with every field, and one with every nullable field null, round-trip")
    void interaction_roundTrips() {
        TenantId tenant = newTenant();
        Interaction full = ActivityData.fullInteraction(newCustomer(), Instant.parse("2026-11-23T10:15:30.123456Z"));
        Interaction minimal =
                ActivityData.interaction(null, Channel.SMS, Instant.parse("1000-01-01T00:00:00Z"), null, null);
        Interaction farFuture = ActivityData.interaction(
                newCustomer(), Channel.OTHER, Instant.parse("9999-12-31T23:59:59.999999Z"), "t", null);
        insertAll(tenant, List.of(full, minimal, farFuture));
        for (Interaction interaction : List.of(full, minimal, farFuture)) {
            assertThat(read(tenant, (StorageSession s) -> s.interactions().get(interaction.id())))
                    .contains(interaction);
        }
        assertThat(read(tenant, (StorageSession s) -> s.interactions().findBySource(full.source())))
                .contains(full);
        assertThat(read(tenant, (StorageSession s) -> s.interactions().get(ActivityData.interactionId())))
                .isEmpty();
    }

    @Test
    @DisplayName("orders and reversals round-trip with the scales of quantities, prices and amounts")
    void order_and_reversal_roundTrip_keepingDecimalScales() {
        TenantId tenant = newTenant();
        CustomerId customer = newCustomer();
        Order order = ActivityData.order(
                customer,
                Instant.parse("2026-01-01T10:00:00.000001Z"),
                Channel.IN_PERSON,
                EUR,
                SourceRef.of("shop", "o-1"),
                List.of(
                        ActivityData.line(1, "2.500", "0.123456789012", EUR),
                        ActivityData.line(2, "1", "123456789012345678.123456789012", EUR),
                        ActivityData.line(3, "3.0", "10", EUR)));
        Order yen = ActivityData.order(
                customer,
                Instant.parse("2026-01-02T00:00:00Z"),
                Channel.WEB,
                JPY,
                null,
                List.of(ActivityData.line(1, "1", "1500", JPY)));
        insertAll(tenant, List.of(order, yen));
        assertThat(read(tenant, (StorageSession s) -> s.orders().get(order.id())))
                .contains(order);
        assertThat(read(tenant, (StorageSession s) -> s.orders().get(yen.id()))).contains(yen);
        assertThat(read(tenant, (StorageSession s) -> s.orders().findBySource(SourceRef.of("shop", "o-1"))))
                .contains(order);

        Reversed reversed = ActivityData.reverse(
                order,
                order.occurredAt().plusSeconds(60),
                SourceRef.of("shop", "r-1"),
                new BigDecimal("1.250"),
                BigDecimal.ZERO,
                new BigDecimal("3.0"));
        tx(tenant, (StorageSession s) -> {
            assertThat(s.orders().insertReversalIfAbsent(reversed.reversal())).isEmpty();
            s.orders().update(order, reversed.order());
            return null;
        });
        assertThat(read(tenant, (StorageSession s) -> s.orders().get(order.id())))
                .contains(reversed.order());
        assertThat(read(tenant, (StorageSession s) -> s.orders().findReversalBySource(SourceRef.of("shop", "r-1"))))
                .contains(reversed.reversal());
        assertThat(read(tenant, (StorageSession s) -> s.orders().reversals(order.id())))
                .containsExactly(reversed.reversal());
        assertThat(read(tenant, (StorageSession s) -> s.orders().reversals(yen.id())))
                .isEmpty();
    }

    // --- idempotency ---

    @Test
    void insertIfAbsent_returnsTheHolderOfASourceKey_andWritesNothing() {
        TenantId tenant = newTenant();
        CustomerId customer = newCustomer();
        // The longest key: a 64-character source and 512 characters of id, many of them multi-byte.
        SourceRef longRef = SourceRef.of("s".repeat(64), "é€𝄞x".repeat(101) + "abcdefg");
        assertThat(longRef.externalId()).hasSize(512);
        Interaction first = ActivityData.interaction(customer, Channel.EMAIL, BASE, null, longRef);
        Interaction again = ActivityData.interaction(customer, Channel.EMAIL, BASE.plusSeconds(1), null, longRef);
        Interaction noSource1 = ActivityData.interaction(customer, Channel.EMAIL, BASE, null, null);
        Interaction noSource2 = ActivityData.interaction(customer, Channel.EMAIL, BASE, null, null);
        customers(tenant, customer);
        assertThat(tx(tenant, (StorageSession s) -> s.interactions().insertIfAbsent(first)))
                .isEmpty();
        assertThat(tx(tenant, (StorageSession s) -> s.interactions().insertIfAbsent(again)))
                .contains(first);
        assertThat(tx(tenant, (StorageSession s) -> s.interactions().insertIfAbsent(noSource1)))
                .isEmpty();
        assertThat(tx(tenant, (StorageSession s) -> s.interactions().insertIfAbsent(noSource2)))
                .isEmpty();
        assertThat(read(tenant, (StorageSession s) -> s.interactions().get(again.id())))
                .isEmpty();
        assertThat(read(tenant, (StorageSession s) -> s.interactions().findBySource(longRef)))
                .contains(first);
        assertThat(read(tenant, (StorageSession s) -> s.interactions()
                        .findBySource(SourceRef.of("s".repeat(64), "other"))))
                .isEmpty();

        // Keys are per table: an order and a reversal may carry the interaction's source key.
        Order order = ActivityData.order(
                customer, BASE, Channel.WEB, EUR, longRef, List.of(ActivityData.line(1, "1", "5", EUR)));
        Order orderAgain = ActivityData.order(
                customer, BASE, Channel.WEB, EUR, longRef, List.of(ActivityData.line(1, "2", "5", EUR)));
        assertThat(tx(tenant, (StorageSession s) -> s.orders().insertIfAbsent(order)))
                .isEmpty();
        assertThat(tx(tenant, (StorageSession s) -> s.orders().insertIfAbsent(orderAgain)))
                .contains(order);
        Reversed r1 = ActivityData.reverse(order, BASE.plusSeconds(5), longRef, BigDecimal.ONE);
        Reversed r2 = ActivityData.reverse(order, BASE.plusSeconds(6), longRef, BigDecimal.ONE);
        assertThat(tx(tenant, (StorageSession s) -> s.orders().insertReversalIfAbsent(r1.reversal())))
                .isEmpty();
        assertThat(tx(tenant, (StorageSession s) -> s.orders().insertReversalIfAbsent(r2.reversal())))
                .contains(r1.reversal());
        assertThat(read(tenant, (StorageSession s) -> s.orders().reversals(order.id())))
                .containsExactly(r1.reversal());

        // Within one transaction too: the session sees its own uncommitted writes.
        SourceRef fresh = SourceRef.of("email", "<same-tx>");
        Interaction a = ActivityData.interaction(customer, Channel.EMAIL, BASE, null, fresh);
        Interaction b = ActivityData.interaction(customer, Channel.EMAIL, BASE, null, fresh);
        tx(tenant, (StorageSession s) -> {
            assertThat(s.interactions().insertIfAbsent(a)).isEmpty();
            assertThat(s.interactions().insertIfAbsent(b)).contains(a);
            assertThat(s.interactions().findBySource(fresh)).contains(a);
            return null;
        });
    }

    @Test
    @DisplayName("a taken id is a conflict, a new record has version 1, an update keeps id and source")
    void insert_and_update_checkTheirArguments() {
        TenantId tenant = newTenant();
        CustomerId customer = newCustomer();
        Interaction first = ActivityData.interaction(customer, Channel.EMAIL, BASE, null, SourceRef.of("email", "<1>"));
        insertAll(tenant, List.of(first));
        Interaction sameId = new Interaction(
                first.id(),
                1,
                customer,
                Channel.SMS,
                first.direction(),
                BASE,
                BASE,
                null,
                "",
                null,
                null,
                List.of(),
                null,
                null,
                null,
                List.of(),
                Map.of(),
                null);
        assertThatThrownBy(
                        () -> tx(tenant, (StorageSession s) -> s.interactions().insertIfAbsent(sameId)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(first.id().toString());
        Interaction sameIdSameSource = new Interaction(
                first.id(),
                1,
                customer,
                Channel.SMS,
                first.direction(),
                BASE,
                BASE,
                null,
                "",
                null,
                null,
                List.of(),
                null,
                null,
                null,
                List.of(),
                Map.of(),
                first.source());
        assertThatThrownBy(
                        () -> tx(tenant, (StorageSession s) -> s.interactions().insertIfAbsent(sameIdSameSource)))
                .isInstanceOf(ConflictException.class);
        Interaction version2 = first.linkedTo(customer);
        assertThatThrownBy(() -> tx(tenant, (StorageSession s) -> s.interactions()
                        .insertIfAbsent(new Interaction(
                                ActivityData.interactionId(),
                                2,
                                customer,
                                Channel.SMS,
                                first.direction(),
                                BASE,
                                BASE,
                                null,
                                "",
                                null,
                                null,
                                List.of(),
                                null,
                                null,
                                null,
                                List.of(),
                                Map.of(),
                                null))))
                .isInstanceOf(IllegalArgumentException.class);
        Interaction otherSource = new Interaction(
                first.id(),
                2,
                customer,
                Channel.EMAIL,
                first.direction(),
                BASE,
                BASE,
                null,
                "",
                null,
                null,
                List.of(),
                null,
                null,
                null,
                List.of(),
                Map.of(),
                SourceRef.of("email", "<2>"));
        assertThatThrownBy(() -> tx(tenant, (StorageSession s) -> {
                    s.interactions().update(first, otherSource);
                    return null;
                }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tx(tenant, (StorageSession s) -> {
                    s.interactions().update(first, first);
                    return null;
                }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(read(tenant, (StorageSession s) -> s.interactions().get(first.id())))
                .contains(first);
        assertThat(version2.version()).isEqualTo(2);

        Order order = ActivityData.order(
                customer, BASE, Channel.WEB, EUR, null, List.of(ActivityData.line(1, "1", "1", EUR)));
        insertAll(tenant, List.of(order));
        assertThatThrownBy(() -> tx(tenant, (StorageSession s) -> s.orders().insertIfAbsent(order)))
                .isInstanceOf(ConflictException.class);
        Reversed reversed = ActivityData.reverse(order, BASE, null, BigDecimal.ONE);
        insertAll(tenant, List.of(reversed.reversal()));
        assertThatThrownBy(
                        () -> tx(tenant, (StorageSession s) -> s.orders().insertReversalIfAbsent(reversed.reversal())))
                .isInstanceOf(ConflictException.class);
        assertThat(read(tenant, (StorageSession s) -> s.orders().reversals(order.id())))
                .containsExactly(reversed.reversal());
    }

    @Test
    @DisplayName("two transactions racing for one source key: exactly one inserts, the other gets its record")
    void insertIfAbsent_concurrentSameSource_exactlyOneInserts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 12; round++) {
                TenantId tenant = newTenant();
                CustomerId customer = newCustomer();
                customers(tenant, customer);
                SourceRef ref = SourceRef.of("email", "<race-" + round + "@example.com>");
                int kind = round % 3;
                Order base = ActivityData.order(
                        customer, BASE, Channel.WEB, EUR, null, List.of(ActivityData.line(1, "2", "5", EUR)));
                if (kind == 2) {
                    insertAll(tenant, List.of(base));
                }
                List<Activity> contenders = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    contenders.add(
                            switch (kind) {
                                case 0 ->
                                    ActivityData.interaction(customer, Channel.EMAIL, BASE.plusSeconds(c), null, ref);
                                case 1 ->
                                    ActivityData.order(
                                            customer,
                                            BASE.plusSeconds(c),
                                            Channel.WEB,
                                            EUR,
                                            ref,
                                            List.of(ActivityData.line(1, "1", "9.99", EUR)));
                                default ->
                                    ActivityData.reverse(base, BASE.plusSeconds(c), ref, BigDecimal.ONE)
                                            .reversal();
                            });
                }
                CyclicBarrier barrier = new CyclicBarrier(2);
                List<Future<Optional<? extends Activity>>> results = new ArrayList<>();
                for (Activity contender : contenders) {
                    results.add(pool.submit(() -> tx(tenant, (StorageSession s) -> {
                        awaitQuietly(barrier);
                        Optional<? extends Activity> holder = insertIfAbsent(s, contender);
                        // Hold the transaction open so the other contender meets an uncommitted row.
                        sleepMillis(20);
                        return holder;
                    })));
                }
                List<Optional<? extends Activity>> outcomes = new ArrayList<>();
                for (Future<Optional<? extends Activity>> result : results) {
                    outcomes.add(result.get(60, TimeUnit.SECONDS));
                }
                List<Activity> winners = new ArrayList<>();
                List<Activity> returned = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    if (outcomes.get(c).isEmpty()) {
                        winners.add(contenders.get(c));
                    } else {
                        returned.add(outcomes.get(c).get());
                    }
                }
                assertThat(winners)
                        .as("round %d (kind %d): %s", round, kind, outcomes)
                        .hasSize(1);
                assertThat(returned).containsExactly(winners.get(0));
                Optional<Activity> stored = read(tenant, (StorageSession s) -> switch (kind) {
                    case 0 -> s.interactions().findBySource(ref).map(Activity.class::cast);
                    case 1 -> s.orders().findBySource(ref).map(Activity.class::cast);
                    default -> s.orders().findReversalBySource(ref).map(Activity.class::cast);
                });
                assertThat(stored).contains(winners.get(0));
                assertThat(read(tenant, (StorageSession s) -> s.activity()
                                .timeline(new TimelineRequest(customer, Set.of(), Set.of(), null, null, 10, null))))
                        .hasSize(kind == 2 ? 2 : 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- updates ---

    @Test
    void update_isVersionGuarded() {
        TenantId tenant = newTenant();
        CustomerId customer = newCustomer();
        Interaction parked = ActivityData.interaction(null, Channel.EMAIL, BASE, "t", SourceRef.of("email", "<p>"));
        insertAll(tenant, List.of(parked));
        Interaction linked = parked.linkedTo(customer);
        tx(tenant, (StorageSession s) -> {
            s.interactions().update(parked, linked);
            return null;
        });
        assertThat(read(tenant, (StorageSession s) -> s.interactions().get(parked.id())))
                .contains(linked);
        assertThat(read(tenant, (StorageSession s) -> s.interactions().unmatched(10, null)))
                .isEmpty();
        assertThat(read(tenant, (StorageSession s) -> s.interactions().findBySource(SourceRef.of("email", "<p>"))))
                .contains(linked);

        assertThatThrownBy(() -> tx(tenant, (StorageSession s) -> {
                    s.interactions().update(parked, linked);
                    return null;
                }))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining(parked.id().toString());
        Interaction missing = ActivityData.interaction(null, Channel.EMAIL, BASE, null, null);
        assertThatThrownBy(() -> tx(tenant, (StorageSession s) -> {
                    s.interactions().update(missing, missing.linkedTo(customer));
                    return null;
                }))
                .isInstanceOf(NotFoundException.class);

        Order order = ActivityData.order(
                customer, BASE, Channel.WEB, EUR, null, List.of(ActivityData.line(1, "2", "5", EUR)));
        insertAll(tenant, List.of(order));
        Reversed reversed = ActivityData.reverse(order, BASE.plusSeconds(1), null, BigDecimal.ONE);
        tx(tenant, (StorageSession s) -> {
            s.orders().update(order, reversed.order());
            return null;
        });
        assertThat(read(tenant, (StorageSession s) -> s.orders().get(order.id())))
                .contains(reversed.order());
        assertThatThrownBy(() -> tx(tenant, (StorageSession s) -> {
                    s.orders().update(order, reversed.order());
                    return null;
                }))
                .isInstanceOf(ConcurrencyException.class);
        Order gone = ActivityData.order(
                customer, BASE, Channel.WEB, EUR, null, List.of(ActivityData.line(1, "2", "5", EUR)));
        assertThatThrownBy(() -> tx(tenant, (StorageSession s) -> {
                    s.orders()
                            .update(
                                    gone,
                                    ActivityData.reverse(gone, BASE, null, BigDecimal.ONE)
                                            .order());
                    return null;
                }))
                .isInstanceOf(NotFoundException.class);
        assertThat(read(tenant, (StorageSession s) -> s.orders().get(order.id())))
                .contains(reversed.order());
    }

    // --- generated data: thread, unmatched, timeline, facts, totals ---

    /** Seeded random activity of a tenant, and the final state of every record. */
    private static final class World {
        final CustomerId main = newCustomer();
        final CustomerId other = newCustomer();
        final List<Interaction> interactions = new ArrayList<>();
        final Map<OrderId, Order> orders = new LinkedHashMap<>();
        final List<Reversal> reversals = new ArrayList<>();

        List<Activity> all() {
            List<Activity> all = new ArrayList<>(interactions);
            all.addAll(orders.values());
            all.addAll(reversals);
            return all;
        }
    }

    private World generate(TenantId tenant, long seed, int interactions, int orders) {
        Random random = new Random(seed);
        World world = new World();
        List<Channel> channels = List.of(Channel.EMAIL, Channel.PHONE, Channel.WEB, Channel.IN_PERSON, Channel.CHAT);
        List<String> threads = List.of("t-a", "t-b", "T-A", "t-a ");
        for (int i = 0; i < interactions; i++) {
            int who = random.nextInt(10);
            CustomerId customer = who < 6 ? world.main : who < 8 ? world.other : null;
            String thread = random.nextInt(3) == 0 ? ActivityData.pick(random, threads) : null;
            SourceRef source = random.nextBoolean() ? SourceRef.of("gen", "i-" + seed + "-" + i) : null;
            world.interactions.add(ActivityData.interaction(
                    customer,
                    ActivityData.pick(random, channels),
                    ActivityData.randomInstant(random, BASE, 25),
                    thread,
                    source));
        }
        List<Order> firstVersions = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            CustomerId customer = random.nextInt(4) == 0 ? world.other : world.main;
            Currency currency = ActivityData.pick(random, ActivityData.CURRENCIES);
            List<OrderLine> lines = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int n = 1; n <= count; n++) {
                lines.add(ActivityData.line(
                        n,
                        String.valueOf(1 + random.nextInt(4)),
                        random.nextInt(100000) + "." + random.nextInt(1000),
                        currency));
            }
            Instant at = ActivityData.randomInstant(random, BASE, 25);
            Order order = ActivityData.order(
                    customer,
                    at,
                    ActivityData.pick(random, channels),
                    currency,
                    random.nextBoolean() ? SourceRef.of("gen", "o-" + seed + "-" + i) : null,
                    lines);
            firstVersions.add(order);
            world.orders.put(order.id(), order);
        }
        insertAll(tenant, world.interactions);
        insertAll(tenant, firstVersions);
        // Reverse some orders, some wholly, in one or two steps; each step in its own transaction.
        for (Order first : firstVersions) {
            int plan = random.nextInt(4);
            if (plan == 0) {
                continue;
            }
            for (int step = 0; step < (plan == 3 ? 2 : 1); step++) {
                Order before = world.orders.get(first.id());
                BigDecimal[] quantities = new BigDecimal[before.lines().size()];
                for (int l = 0; l < quantities.length; l++) {
                    BigDecimal remaining = before.lines().get(l).remainingQuantity();
                    quantities[l] = plan == 1 || (plan == 3 && step == 1)
                            ? remaining
                            : remaining.signum() > 0 && random.nextBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
                }
                if (java.util.Arrays.stream(quantities).allMatch(q -> q.signum() == 0)) {
                    continue;
                }
                Instant at = before.occurredAt().plusSeconds(3600L * random.nextInt(3));
                Reversed reversed = ActivityData.reverse(before, at, null, quantities);
                tx(tenant, (StorageSession s) -> {
                    assertThat(s.orders().insertReversalIfAbsent(reversed.reversal()))
                            .isEmpty();
                    s.orders().update(before, reversed.order());
                    return null;
                });
                world.orders.put(first.id(), reversed.order());
                world.reversals.add(reversed.reversal());
            }
        }
        return world;
    }

    @Test
    @DisplayName("thread and unmatched pages agree with a Java sort, page by page")
    void thread_and_unmatched_agreeWithAJavaSort() {
        TenantId tenant = newTenant();
        World world = generate(tenant, 11, 160, 0);
        for (String thread : List.of("t-a", "t-b", "T-A", "t-a ", "none")) {
            List<Interaction> expected = world.interactions.stream()
                    .filter(i -> thread.equals(i.threadId()))
                    .sorted(Comparator.comparing(Interaction::timelineKey, TimelineKey.OLDEST_FIRST))
                    .toList();
            for (int limit : List.of(1, 3, 7, 500)) {
                List<Interaction> paged = pageAll(
                        limit,
                        after -> read(
                                tenant, (StorageSession s) -> s.interactions().thread(thread, limit, after)));
                assertThat(paged).as("thread %s by %d", thread, limit).containsExactlyElementsOf(expected);
            }
        }
        List<Interaction> expected = world.interactions.stream()
                .filter(Interaction::unmatched)
                .sorted(Comparator.comparing(Interaction::timelineKey, TimelineKey.NEWEST_FIRST))
                .toList();
        assertThat(expected).hasSizeGreaterThan(10);
        for (int limit : List.of(1, 4, 500)) {
            List<Interaction> paged = pageAll(
                    limit,
                    before ->
                            read(tenant, (StorageSession s) -> s.interactions().unmatched(limit, before)));
            assertThat(paged).as("unmatched by %d", limit).containsExactlyElementsOf(expected);
        }
    }

    private static <T extends Activity> List<T> pageAll(int limit, Function<TimelineKey, List<T>> page) {
        List<T> all = new ArrayList<>();
        TimelineKey position = null;
        for (int pages = 0; pages < 10_000; pages++) {
            List<T> next = page.apply(position);
            assertThat(next.size()).isLessThanOrEqualTo(limit);
            all.addAll(next);
            if (next.size() < limit) {
                return all;
            }
            position = next.get(next.size() - 1).timelineKey();
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    @DisplayName("timeline pages agree with a Java filter and sort, for random filters and page sizes")
    void timeline_agreesWithAJavaFilterAndSort() {
        TenantId tenant = newTenant();
        World world = generate(tenant, 7, 150, 45);
        List<Activity> all = world.all();
        Random random = new Random(99);
        List<Channel> channels = List.of(Channel.EMAIL, Channel.PHONE, Channel.WEB, Channel.IN_PERSON, Channel.CHAT);
        for (int round = 0; round < 30; round++) {
            Set<ActivityKind> kinds = EnumSet.noneOf(ActivityKind.class);
            for (ActivityKind kind : ActivityKind.values()) {
                if (random.nextInt(3) == 0) {
                    kinds.add(kind);
                }
            }
            Set<Channel> someChannels = EnumSet.noneOf(Channel.class);
            if (random.nextBoolean()) {
                for (Channel channel : channels) {
                    if (random.nextBoolean()) {
                        someChannels.add(channel);
                    }
                }
            }
            Instant from = random.nextInt(3) == 0 ? ActivityData.randomInstant(random, BASE, 25) : null;
            Instant to = random.nextInt(3) == 0 ? ActivityData.randomInstant(random, BASE, 25) : null;
            int limit = 1 + random.nextInt(random.nextBoolean() ? 5 : 60);
            CustomerId customer = round % 5 == 4 ? world.other : world.main;
            TimelineRequest probe = new TimelineRequest(customer, kinds, someChannels, from, to, limit, null);
            List<Activity> expected = all.stream()
                    .filter(a -> customer.equals(a.customerId()))
                    .filter(a -> probe.includes(a.activityKind()) && probe.includes(a.channel()))
                    .filter(a -> probe.inRange(a.occurredAt()))
                    .sorted(Comparator.comparing(Activity::timelineKey, TimelineKey.NEWEST_FIRST))
                    .toList();
            List<Activity> paged = pageAll(
                    limit,
                    before -> read(tenant, (StorageSession s) -> s.activity()
                            .timeline(new TimelineRequest(customer, kinds, someChannels, from, to, limit, before))));
            assertThat(paged).as("round %d: %s", round, probe).containsExactlyElementsOf(expected);
        }
        // From an arbitrary position, not only one the store returned.
        List<Activity> mainAll = all.stream()
                .filter(a -> world.main.equals(a.customerId()))
                .sorted(Comparator.comparing(Activity::timelineKey, TimelineKey.NEWEST_FIRST))
                .toList();
        TimelineKey middle = new TimelineKey(BASE.plusSeconds(3600L * 12), new UUID(0x8000000000000000L, 0));
        List<Activity> expected = mainAll.stream()
                .filter(a -> TimelineKey.NEWEST_FIRST.compare(a.timelineKey(), middle) > 0)
                .limit(20)
                .toList();
        assertThat(read(tenant, (StorageSession s) -> s.activity()
                        .timeline(new TimelineRequest(world.main, Set.of(), Set.of(), null, null, 20, middle))))
                .containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("facts and totals agree with a naive recount of the same data")
    void facts_and_totals_agreeWithANaiveRecount() {
        TenantId tenant = newTenant();
        World world = generate(tenant, 5, 60, 60);
        for (CustomerId customer : List.of(world.main, world.other, newCustomer())) {
            assertThat(read(tenant, (StorageSession s) -> s.activity().facts(customer)))
                    .as("facts of %s", customer)
                    .isEqualTo(naiveFacts(world, customer));
        }
        assertThat(read(tenant, (StorageSession s) -> s.activity().totals())).isEqualTo(naiveTotals(world));
        assertThat(read(newTenant(), (StorageSession s) -> s.activity().totals()))
                .isEmpty();
    }

    @Test
    @DisplayName("a currency whose orders were all reversed shows zero revenue and no purchase")
    void facts_wholyReversedCurrency_showsZero() {
        TenantId tenant = newTenant();
        CustomerId customer = newCustomer();
        Order bhd = ActivityData.order(
                customer,
                Instant.parse("2026-03-01T23:59:59.999999Z"),
                Channel.WEB,
                BHD,
                null,
                List.of(ActivityData.line(1, "3", "1.2345", BHD)));
        Order eur1 = ActivityData.order(
                customer,
                Instant.parse("2026-03-01T08:00:00Z"),
                Channel.WEB,
                EUR,
                null,
                List.of(ActivityData.line(1, "1", "10.005", EUR)));
        Order eur2 = ActivityData.order(
                customer,
                Instant.parse("2026-03-02T00:00:00Z"),
                Channel.WEB,
                EUR,
                null,
                List.of(ActivityData.line(1, "1", "1", EUR)));
        insertAll(tenant, List.of(bhd, eur1, eur2));
        Reversed whole = ActivityData.reverse(bhd, bhd.occurredAt().plusSeconds(1), null, new BigDecimal("3"));
        tx(tenant, (StorageSession s) -> {
            s.orders().insertReversalIfAbsent(whole.reversal());
            s.orders().update(bhd, whole.order());
            return null;
        });
        PurchaseFacts facts = read(tenant, (StorageSession s) -> s.activity().facts(customer));
        assertThat(facts.orderCount()).isEqualTo(2);
        assertThat(facts.purchaseDays()).isEqualTo(2);
        assertThat(facts.firstPurchaseAt()).isEqualTo(eur1.occurredAt());
        assertThat(facts.lastPurchaseAt()).isEqualTo(eur2.occurredAt());
        assertThat(facts.netRevenue())
                .containsExactly(Map.entry(BHD, new BigDecimal("0.000")), Map.entry(EUR, new BigDecimal("11.01")));
        assertThat(read(tenant, (StorageSession s) -> s.activity().totals()))
                .containsExactly(
                        new CurrencyTotals(BHD, new BigDecimal("0.000"), 0, 0),
                        new CurrencyTotals(EUR, new BigDecimal("11.01"), 2, 1));
    }

    private static PurchaseFacts naiveFacts(World world, CustomerId customer) {
        long purchases = 0;
        Set<LocalDate> days = new HashSet<>();
        Instant first = null;
        Instant last = null;
        Map<Currency, BigDecimal> revenue = new HashMap<>();
        for (Order order : world.orders.values()) {
            if (!order.customerId().equals(customer)) {
                continue;
            }
            revenue.merge(order.currency(), order.netTotal(), BigDecimal::add);
            if (!order.fullyReversed()) {
                purchases++;
                days.add(LocalDate.ofInstant(order.occurredAt(), ZoneOffset.UTC));
                first = first == null || order.occurredAt().isBefore(first) ? order.occurredAt() : first;
                last = last == null || order.occurredAt().isAfter(last) ? order.occurredAt() : last;
            }
        }
        revenue.replaceAll((currency, amount) -> Money.round(amount, currency));
        Map<Channel, Instant> lastInteraction = new EnumMap<>(Channel.class);
        for (Interaction interaction : world.interactions) {
            if (customer.equals(interaction.customerId())) {
                lastInteraction.merge(interaction.channel(), interaction.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return new PurchaseFacts(customer, purchases, days.size(), first, last, revenue, lastInteraction);
    }

    private static List<CurrencyTotals> naiveTotals(World world) {
        Map<String, List<Order>> byCurrency = new TreeMap<>();
        for (Order order : world.orders.values()) {
            byCurrency
                    .computeIfAbsent(order.currency().getCurrencyCode(), c -> new ArrayList<>())
                    .add(order);
        }
        List<CurrencyTotals> totals = new ArrayList<>();
        byCurrency.forEach((code, orders) -> {
            Currency currency = Currency.getInstance(code);
            BigDecimal net = orders.stream().map(Order::netTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
            Predicate<Order> purchase = o -> !o.fullyReversed();
            totals.add(new CurrencyTotals(
                    currency,
                    Money.round(net, currency),
                    orders.stream().filter(purchase).count(),
                    orders.stream()
                            .filter(purchase)
                            .map(Order::customerId)
                            .distinct()
                            .count()));
        });
        return totals;
    }

    // --- erasure, isolation, read-only ---

    @Test
    void deleteCustomerActivity_deletesOnlyThatCustomersRecords() {
        TenantId tenant = newTenant();
        World world = generate(tenant, 3, 40, 20);
        long expected = world.all().stream()
                .filter(a -> world.main.equals(a.customerId()))
                .count();
        assertThat(tx(tenant, (StorageSession s) -> s.activity().deleteCustomerActivity(world.main)))
                .isEqualTo(expected);
        assertThat(read(tenant, (StorageSession s) -> s.activity()
                        .timeline(new TimelineRequest(world.main, Set.of(), Set.of(), null, null, 100, null))))
                .isEmpty();
        assertThat(read(tenant, (StorageSession s) -> s.activity().facts(world.main)))
                .isEqualTo(naiveFacts(new World(), world.main));
        List<Activity> others = world.all().stream()
                .filter(a -> world.other.equals(a.customerId()))
                .sorted(Comparator.comparing(Activity::timelineKey, TimelineKey.NEWEST_FIRST))
                .toList();
        assertThat(read(tenant, (StorageSession s) -> s.activity()
                        .timeline(new TimelineRequest(world.other, Set.of(), Set.of(), null, null, 1000, null))))
                .containsExactlyElementsOf(others);
        long unmatched =
                world.interactions.stream().filter(Interaction::unmatched).count();
        assertThat(read(tenant, (StorageSession s) -> s.interactions().unmatched(1000, null)))
                .hasSize((int) unmatched);
        assertThat(tx(tenant, (StorageSession s) -> s.activity().deleteCustomerActivity(world.main)))
                .isZero();
    }

    @Test
    void everyActivityMethod_isScopedToItsTenant() {
        TenantId tenant = newTenant();
        TenantId stranger = newTenant();
        World world = generate(tenant, 13, 30, 10);
        Interaction anInteraction = world.interactions.get(0);
        Order anOrder = world.orders.values().iterator().next();
        read(stranger, (StorageSession s) -> {
            assertThat(s.interactions().get(anInteraction.id())).isEmpty();
            assertThat(s.orders().get(anOrder.id())).isEmpty();
            assertThat(s.interactions().findBySource(SourceRef.of("gen", "i-13-0")))
                    .isEmpty();
            assertThat(s.orders().findBySource(SourceRef.of("gen", "o-13-0"))).isEmpty();
            assertThat(s.orders().reversals(anOrder.id())).isEmpty();
            assertThat(s.interactions().thread("t-a", 100, null)).isEmpty();
            assertThat(s.interactions().unmatched(100, null)).isEmpty();
            assertThat(s.activity()
                            .timeline(new TimelineRequest(world.main, Set.of(), Set.of(), null, null, 100, null)))
                    .isEmpty();
            assertThat(s.activity().facts(world.main)).isEqualTo(naiveFacts(new World(), world.main));
            assertThat(s.activity().totals()).isEmpty();
            return null;
        });
        assertThatThrownBy(() -> tx(stranger, (StorageSession s) -> {
                    s.interactions().update(anInteraction, anInteraction.linkedTo(newCustomer()));
                    return null;
                }))
                .isInstanceOf(NotFoundException.class);
        assertThat(tx(stranger, (StorageSession s) -> s.activity().deleteCustomerActivity(world.main)))
                .isZero();
        // Another tenant's customer is unknown here: nothing is written.
        Interaction copy =
                ActivityData.interaction(world.main, Channel.EMAIL, BASE, null, SourceRef.of("gen", "i-13-1"));
        assertThatThrownBy(() ->
                        tx(stranger, (StorageSession s) -> s.interactions().insertIfAbsent(copy)))
                .isInstanceOf(NotFoundException.class);
        assertThat(read(stranger, (StorageSession s) -> s.interactions().get(copy.id())))
                .isEmpty();
        // The same source key in another tenant, for a customer of that tenant, is another record.
        CustomerId strangerCustomer = newCustomer();
        customers(stranger, strangerCustomer);
        Interaction theirs =
                ActivityData.interaction(strangerCustomer, Channel.EMAIL, BASE, null, SourceRef.of("gen", "i-13-1"));
        assertThat(tx(stranger, (StorageSession s) -> s.interactions().insertIfAbsent(theirs)))
                .isEmpty();
        assertThat(read(tenant, (StorageSession s) -> s.activity()
                        .timeline(new TimelineRequest(world.main, Set.of(), Set.of(), null, null, 1000, null))))
                .doesNotContain(copy);
    }

    @Test
    void read_refusesActivityWrites() {
        TenantId tenant = newTenant();
        CustomerId customer = newCustomer();
        Interaction interaction = ActivityData.interaction(customer, Channel.EMAIL, BASE, null, null);
        Order order = ActivityData.order(
                customer, BASE, Channel.WEB, EUR, null, List.of(ActivityData.line(1, "1", "1", EUR)));
        Reversed reversed = ActivityData.reverse(order, BASE, null, BigDecimal.ONE);
        read(tenant, (StorageSession s) -> {
            assertThatThrownBy(() -> s.interactions().insertIfAbsent(interaction))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> s.interactions().update(interaction, interaction.linkedTo(customer)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> s.orders().insertIfAbsent(order)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> s.orders().update(order, reversed.order()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> s.orders().insertReversalIfAbsent(reversed.reversal()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> s.activity().deleteCustomerActivity(customer))
                    .isInstanceOf(IllegalStateException.class);
            return null;
        });
        assertThat(read(tenant, (StorageSession s) -> s.interactions().get(interaction.id())))
                .isEmpty();
    }

    @Test
    void session_activityStores_areUnusableOutsideTheirCallback() {
        StorageSession escaped = storage.inTransaction(newTenant(), s -> s);
        assertThatThrownBy(escaped::interactions).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(escaped::orders).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(escaped::activity).isInstanceOf(IllegalStateException.class);
        InteractionId id = ActivityData.interactionId();
        assertThat(id).isNotNull();
    }

    // --- helpers ---

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // A retry or a lost partner: carry on alone.
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
