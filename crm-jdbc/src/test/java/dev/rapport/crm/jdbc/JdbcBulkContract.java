package dev.rapport.crm.jdbc;

import static dev.rapport.crm.jdbc.ActivityData.CURRENCIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.Participant;
import dev.rapport.crm.model.activity.ParticipantRole;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.spi.CustomerPageRequest;
import dev.rapport.crm.spi.CustomerStore;
import dev.rapport.crm.spi.InteractionStore;
import dev.rapport.crm.spi.OrderStore;
import dev.rapport.crm.spi.StorageSession;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JDBC stores' bulk paths ({@code findByIdentities}, {@code insertAll}, {@code getAll}, {@code
 * findBySources}, {@code insertAllIfAbsent}) on every database: each must return and store exactly
 * what the interfaces' defaults (one single call per item) return and store. Each comparison runs
 * the default on one fresh tenant and the override on another, on the same seeded random records
 * (ids are per tenant, so both tenants hold the very same records), and compares results, records
 * read back and the raw rows. The seed prints with every comparison and can be pinned with {@code
 * -Drapport.seed=}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcBulkContract {

    private static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");

    /** Text that COPY's text format and every driver must carry unchanged. */
    static final List<String> NASTY = List.of(
            "tab\there",
            "new\nline",
            "cr\r\nlf\r",
            "back\\slash",
            "\\N",
            "\\.",
            "\\",
            "end\\",
            "\\t literally \\n",
            "quotes \" ' ` and \"\"",
            "emoji 👩‍💻 𝄞 ✉",
            "controls \u0001\u0007\b\f\u000b\u001f\u007f",
            "trailing space ",
            " ",
            "comma, semicolon; pipe | and a tab-separated\tvalue\t",
            "json-ish {\"a\": [1, \"\\u0000\"]}",
            "$$ dollar-quoted $$ and '' doubled",
            "\\.\n\\.");

    private TestDatabase database;
    private CountingDataSource dataSource;
    JdbcStorage storage;

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

    static long seed() {
        return Long.getLong("rapport.seed", System.nanoTime());
    }

    static TenantId newTenant() {
        return new TenantId(UUID.randomUUID());
    }

    <T> T tx(TenantId tenant, Function<StorageSession, T> work) {
        return storage.inTransaction(tenant, work::apply);
    }

    <T> T read(TenantId tenant, Function<StorageSession, T> work) {
        return storage.read(tenant, work::apply);
    }

    // --- the defaults, through stores that implement only the single calls ---

    static OrderStore defaults(OrderStore store) {
        return new OrderStore() {
            @Override
            public Optional<Order> get(OrderId id) {
                return store.get(id);
            }

            @Override
            public Optional<Order> findBySource(SourceRef source) {
                return store.findBySource(source);
            }

            @Override
            public Optional<Order> insertIfAbsent(Order order) {
                return store.insertIfAbsent(order);
            }

            @Override
            public void update(Order before, Order after) {
                store.update(before, after);
            }

            @Override
            public Optional<Reversal> findReversalBySource(SourceRef source) {
                return store.findReversalBySource(source);
            }

            @Override
            public Optional<Reversal> insertReversalIfAbsent(Reversal reversal) {
                return store.insertReversalIfAbsent(reversal);
            }

            @Override
            public List<Reversal> reversals(OrderId order) {
                return store.reversals(order);
            }
        };
    }

    static InteractionStore defaults(InteractionStore store) {
        return new InteractionStore() {
            @Override
            public Optional<Interaction> get(InteractionId id) {
                return store.get(id);
            }

            @Override
            public Optional<Interaction> findBySource(SourceRef source) {
                return store.findBySource(source);
            }

            @Override
            public Optional<Interaction> insertIfAbsent(Interaction interaction) {
                return store.insertIfAbsent(interaction);
            }

            @Override
            public void update(Interaction before, Interaction after) {
                store.update(before, after);
            }

            @Override
            public List<Interaction> thread(String threadId, int limit, @Nullable TimelineKey after) {
                return store.thread(threadId, limit, after);
            }

            @Override
            public List<dev.rapport.crm.model.activity.ThreadSummary> threads(
                    dev.rapport.crm.model.CustomerId customer, int limit, @Nullable TimelineKey before) {
                return store.threads(customer, limit, before);
            }

            @Override
            public List<Interaction> unmatched(int limit, @Nullable TimelineKey before) {
                return store.unmatched(limit, before);
            }
        };
    }

    static CustomerStore defaults(CustomerStore store) {
        return new CustomerStore() {
            @Override
            public Optional<Customer> get(CustomerId id) {
                return store.get(id);
            }

            @Override
            public Optional<Customer> findByIdentity(Identity identity) {
                return store.findByIdentity(identity);
            }

            @Override
            public void insert(Customer customer) {
                store.insert(customer);
            }

            @Override
            public void update(Customer before, Customer after) {
                store.update(before, after);
            }

            @Override
            public void delete(Customer existing) {
                store.delete(existing);
            }

            @Override
            public List<Customer> list(CustomerPageRequest request) {
                return store.list(request);
            }

            @Override
            public long count(CustomerCriteria criteria) {
                return store.count(criteria);
            }
        };
    }

    // --- raw rows ---

    /** @return every row of the tenant in the table, each column but tenant_id as the driver's text, in a stable order */
    List<List<String>> rows(String table, TenantId tenant, String orderBy) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT * FROM " + table + " WHERE tenant_id = ? ORDER BY " + orderBy)) {
            storage.dialect().setUuid(statement, 1, tenant.value());
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        if (!rs.getMetaData().getColumnLabel(i).equalsIgnoreCase("tenant_id")) {
                            row.add(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT) + "="
                                    + rs.getString(i));
                        }
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- data ---

    static SourceRef source(int key) {
        return SourceRef.of("shop", "o-" + key);
    }

    static Order randomOrder(Random random, List<CustomerId> customers, @Nullable SourceRef source) {
        var currency = ActivityData.pick(random, CURRENCIES);
        List<OrderLine> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int n = 1; n <= count; n++) {
            String quantity = List.of("1", "2.5", "3.000", "0.125").get(random.nextInt(4));
            String price = List.of("9.99", "1500", "0.001", "123456.789012").get(random.nextInt(4));
            lines.add(ActivityData.line(n, quantity, price, currency));
        }
        return ActivityData.order(
                ActivityData.pick(random, customers),
                ActivityData.randomInstant(random, BASE, 40),
                ActivityData.pick(random, List.of(Channel.WEB, Channel.IN_PERSON, Channel.PHONE)),
                currency,
                source,
                lines);
    }

    static Interaction nastyInteraction(Random random, @Nullable CustomerId customer, @Nullable SourceRef source) {
        String text = ActivityData.pick(random, NASTY);
        Instant at = ActivityData.randomInstant(random, BASE, 40);
        return new Interaction(
                ActivityData.interactionId(),
                1,
                customer,
                ActivityData.pick(random, List.of(Channel.EMAIL, Channel.SMS, Channel.CHAT)),
                customer == null ? Direction.INBOUND : ActivityData.pick(random, List.of(Direction.values())),
                at,
                at.plusSeconds(1),
                random.nextBoolean() ? null : text,
                ActivityData.pick(random, NASTY) + " " + text,
                random.nextBoolean() ? null : "<p>" + text + "</p>",
                random.nextBoolean() ? null : text,
                List.of(Participant.of(ParticipantRole.FROM, "ada@example.com")),
                random.nextInt(3) == 0 ? null : "thread " + text + " " + random.nextInt(5),
                random.nextBoolean() ? null : Duration.ofMillis(random.nextInt(100_000)),
                random.nextBoolean() ? null : text,
                random.nextBoolean() ? List.of() : List.of(new Attachment(text, "text/plain", 3, null)),
                random.nextBoolean() ? Map.of() : Map.of("note", new AttributeValue.Text(text)),
                source);
    }

    static SourceRef nastySource(Random random, int key) {
        return SourceRef.of("mail", ActivityData.pick(random, NASTY) + " #" + key);
    }

    static List<CustomerId> customers(int count) {
        List<CustomerId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(new CustomerId(UUID.randomUUID()));
        }
        return ids;
    }

    /** A record of the same kind with another id, holding the same source key. */
    static Order sameSource(Random random, Order order, List<CustomerId> customers) {
        return randomOrder(random, customers, order.source());
    }

    // --- orders ---

    @Test
    @DisplayName("orders: findBySources and insertAllIfAbsent return and store what the defaults do")
    void orders_bulkEqualsDefaults() {
        long seed = seed();
        Random random = new Random(seed);
        List<CustomerId> customers = customers(7);
        List<Order> earlier = new ArrayList<>();
        List<Order> batch = new ArrayList<>();
        for (int key = 0; key < 400; key++) {
            int kind = random.nextInt(6);
            if (kind == 0) {
                batch.add(randomOrder(random, customers, null));
                continue;
            }
            Order order = randomOrder(random, customers, kind == 1 ? nastySource(random, key) : source(key));
            if (random.nextInt(4) == 0) {
                // Stored before: the batch's copy is skipped and its holder returned.
                earlier.add(sameSource(random, order, customers));
            }
            batch.add(order);
        }
        Collections.shuffle(batch, random);
        List<SourceRef> lookups = new ArrayList<>();
        for (Order order : batch) {
            if (order.source() != null) {
                lookups.add(order.source());
            }
        }
        lookups.add(SourceRef.of("shop", "never-stored"));
        lookups.add(lookups.get(0));

        TenantId byDefault = newTenant();
        TenantId bulk = newTenant();
        for (TenantId tenant : List.of(byDefault, bulk)) {
            tx(tenant, (StorageSession s) -> {
                for (Order order : earlier) {
                    assertThat(s.orders().insertIfAbsent(order)).isEmpty();
                }
                return null;
            });
        }
        Map<String, Order> foundByDefault =
                read(byDefault, (StorageSession s) -> defaults(s.orders()).findBySources(lookups));
        Map<String, Order> found = read(bulk, (StorageSession s) -> s.orders().findBySources(lookups));
        assertThat(found).as("seed %d", seed).hasSize(earlier.size()).containsExactlyEntriesOf(foundByDefault);

        Map<String, Order> heldByDefault =
                tx(byDefault, (StorageSession s) -> defaults(s.orders()).insertAllIfAbsent(batch));
        Map<String, Order> held = tx(bulk, (StorageSession s) -> s.orders().insertAllIfAbsent(batch));
        assertThat(held).as("seed %d", seed).hasSize(earlier.size()).containsExactlyEntriesOf(heldByDefault);
        assertThat(rows("orders", bulk, "id"))
                .as("seed %d", seed)
                .hasSize(earlier.size() + batch.size() - held.size())
                .containsExactlyElementsOf(rows("orders", byDefault, "id"));
        for (Order order : batch) {
            Optional<Order> stored = read(bulk, (StorageSession s) -> s.orders().get(order.id()));
            if (order.source() == null || !held.containsKey(order.source().key())) {
                assertThat(stored).as("seed %d", seed).contains(order);
            } else {
                assertThat(stored).isEmpty();
            }
        }
        // A second call in the same transaction reuses the staging table (PostgreSQL) from empty.
        List<Order> more =
                List.of(randomOrder(random, customers, source(10_001)), randomOrder(random, customers, null));
        List<Order> again = List.of(sameSource(random, more.get(0), customers));
        Map<String, Order> secondCall = tx(bulk, (StorageSession s) -> {
            assertThat(s.orders().insertAllIfAbsent(more)).isEmpty();
            return s.orders().insertAllIfAbsent(again);
        });
        assertThat(secondCall).containsExactly(Map.entry(source(10_001).key(), more.get(0)));
    }

    @Test
    @DisplayName("orders: records that are repeated, not new or whose id is taken behave as in the default loop")
    void orders_unexpectedInput_behavesAsTheDefault() {
        long seed = seed();
        Random random = new Random(seed);
        List<CustomerId> customers = customers(3);
        Order a = randomOrder(random, customers, source(1));
        Order sameKey = sameSource(random, a, customers);
        Order b = randomOrder(random, customers, null);
        List<Order> repeatedKey = List.of(a, b, sameKey);
        TenantId byDefault = newTenant();
        TenantId bulk = newTenant();
        assertThat(tx(bulk, (StorageSession s) -> s.orders().insertAllIfAbsent(repeatedKey)))
                .isEqualTo(
                        tx(byDefault, (StorageSession s) -> defaults(s.orders()).insertAllIfAbsent(repeatedKey)))
                .containsExactly(Map.entry(a.source().key(), a));
        assertThat(rows("orders", bulk, "id")).containsExactlyElementsOf(rows("orders", byDefault, "id"));

        // b's id is taken now: a ConflictException, whichever way, and the transaction rolls back.
        Order c = randomOrder(random, customers, source(2));
        for (TenantId tenant : List.of(byDefault, bulk)) {
            assertThatThrownBy(() -> tx(
                            tenant,
                            (StorageSession s) -> tenant == bulk
                                    ? s.orders().insertAllIfAbsent(List.of(c, b))
                                    : defaults(s.orders()).insertAllIfAbsent(List.of(c, b))))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining(b.id().toString());
            // The same, held key and taken id at once: the id wins, as in insertIfAbsent.
            Order takenIdHeldKey = new Order(
                    a.id(),
                    1,
                    a.customerId(),
                    a.occurredAt(),
                    a.recordedAt(),
                    a.channel(),
                    a.store(),
                    a.currency(),
                    a.lines(),
                    a.total(),
                    a.reversedTotal(),
                    a.source());
            assertThatThrownBy(() -> tx(
                            tenant,
                            (StorageSession s) -> tenant == bulk
                                    ? s.orders().insertAllIfAbsent(List.of(c, takenIdHeldKey))
                                    : defaults(s.orders()).insertAllIfAbsent(List.of(c, takenIdHeldKey))))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining(a.id().toString());
        }
        assertThat(rows("orders", bulk, "id")).containsExactlyElementsOf(rows("orders", byDefault, "id"));
    }

    @Test
    @DisplayName("orders: 2,500 at once, beyond one chunk of 1,000, with a third of them stored before")
    void orders_beyondOneChunk() {
        long seed = seed();
        Random random = new Random(seed);
        List<CustomerId> customers = customers(5);
        List<Order> batch = new ArrayList<>();
        List<Order> earlier = new ArrayList<>();
        for (int key = 0; key < 2500; key++) {
            Order order = randomOrder(random, customers, key % 10 == 9 ? null : source(key));
            if (key % 3 == 0 && order.source() != null) {
                earlier.add(sameSource(random, order, customers));
            }
            batch.add(order);
        }
        TenantId tenant = newTenant();
        tx(tenant, (StorageSession s) -> {
            assertThat(s.orders().insertAllIfAbsent(earlier)).isEmpty();
            return null;
        });
        Map<String, Order> held = tx(tenant, (StorageSession s) -> s.orders().insertAllIfAbsent(batch));
        Map<String, Order> expected = new LinkedHashMap<>();
        for (Order e : earlier) {
            expected.put(e.source().key(), e);
        }
        assertThat(held).as("seed %d", seed).isEqualTo(expected);
        List<SourceRef> all = batch.stream()
                .map(Order::source)
                .filter(java.util.Objects::nonNull)
                .toList();
        Map<String, Order> found = read(tenant, (StorageSession s) -> s.orders().findBySources(all));
        assertThat(found).hasSize(all.size());
        for (Order order : batch) {
            if (order.source() != null) {
                assertThat(found.get(order.source().key()))
                        .isEqualTo(expected.getOrDefault(order.source().key(), order));
            }
        }
        assertThat(rows("orders", tenant, "id")).hasSize(earlier.size() + batch.size() - held.size());
    }

    // --- reversals ---

    @Test
    @DisplayName("reversals: getAll, findReversalsBySources, reversalsOf, insertAllReversalsIfAbsent and updateAll"
            + " return and store what the defaults do")
    void reversals_bulkEqualsDefaults() {
        long seed = seed();
        Random random = new Random(seed);
        List<CustomerId> customers = customers(5);
        List<Order> orders = new ArrayList<>();
        for (int key = 0; key < 120; key++) {
            orders.add(randomOrder(random, customers, source(key)));
        }
        // A third of the orders had a reversal before: stored, and the order updated, by single calls.
        List<ActivityData.Reversed> earlier = new ArrayList<>();
        Map<OrderId, Order> originals = new LinkedHashMap<>();
        for (Order order : orders) {
            originals.put(order.id(), order);
        }
        Map<OrderId, Order> current = new LinkedHashMap<>(originals);
        for (int i = 0; i < orders.size(); i += 3) {
            Order order = orders.get(i);
            earlier.add(ActivityData.reverse(
                    order,
                    order.occurredAt().plusSeconds(60),
                    random.nextBoolean() ? null : nastySource(random, 5000 + i),
                    order.lines().get(0).remainingQuantity()));
        }
        for (ActivityData.Reversed r : earlier) {
            current.put(r.order().id(), r.order());
        }
        // The batch: one or two reversals of half the orders (two steps of the same order), some
        // with a source an earlier reversal holds.
        List<Reversal> batch = new ArrayList<>();
        List<Order> before = new ArrayList<>();
        List<Order> after = new ArrayList<>();
        int key = 0;
        for (Order order : orders) {
            if (random.nextBoolean()) {
                continue;
            }
            int steps = 1 + random.nextInt(2);
            for (int step = 0; step < steps; step++) {
                Order now = current.get(order.id());
                OrderLine open = now.lines().stream()
                        .filter(l -> l.remainingQuantity().signum() > 0)
                        .findFirst()
                        .orElse(null);
                if (open == null) {
                    break;
                }
                BigDecimal[] quantities = new BigDecimal[open.number()];
                java.util.Arrays.fill(quantities, BigDecimal.ZERO);
                quantities[open.number() - 1] = open.remainingQuantity();
                SourceRef source = random.nextInt(5) == 0 && !earlier.isEmpty()
                        ? ActivityData.pick(random, earlier).reversal().source()
                        : random.nextInt(4) == 0 ? null : random.nextBoolean() ? nastySource(random, key) : source(key);
                key++;
                if (source != null && batch.stream().anyMatch(r -> source.equals(r.source()))) {
                    continue; // distinct source keys within one call, as the interface asks
                }
                ActivityData.Reversed r =
                        ActivityData.reverse(now, now.occurredAt().plusSeconds(120 + step), source, quantities);
                batch.add(r.reversal());
                before.add(now);
                after.add(r.order());
                current.put(order.id(), r.order());
            }
        }
        List<OrderId> ids = new ArrayList<>(orders.stream().map(Order::id).toList());
        Collections.shuffle(ids, random);
        ids.add(new OrderId(UUID.randomUUID()));
        ids.add(ids.get(0));
        List<SourceRef> lookups = new ArrayList<>();
        for (Reversal r : batch) {
            if (r.source() != null) {
                lookups.add(r.source());
            }
        }
        lookups.add(SourceRef.of("shop", "never-stored"));
        lookups.add(lookups.get(0));

        TenantId byDefault = newTenant();
        TenantId bulk = newTenant();
        for (TenantId tenant : List.of(byDefault, bulk)) {
            tx(tenant, (StorageSession s) -> {
                for (Order order : orders) {
                    assertThat(s.orders().insertIfAbsent(order)).isEmpty();
                }
                for (ActivityData.Reversed r : earlier) {
                    assertThat(s.orders().insertReversalIfAbsent(r.reversal())).isEmpty();
                    s.orders().update(originals.get(r.order().id()), r.order());
                }
                return null;
            });
        }
        assertThat(read(bulk, (StorageSession s) -> s.orders().getAll(ids)))
                .as("seed %d", seed)
                .hasSize(orders.size())
                .containsExactlyEntriesOf(read(
                        byDefault, (StorageSession s) -> defaults(s.orders()).getAll(ids)));
        assertThat(read(bulk, (StorageSession s) -> s.orders().findReversalsBySources(lookups)))
                .as("seed %d", seed)
                .containsExactlyEntriesOf(read(
                        byDefault, (StorageSession s) -> defaults(s.orders()).findReversalsBySources(lookups)));
        assertThat(read(bulk, (StorageSession s) -> s.orders().reversalsOf(ids)))
                .as("seed %d", seed)
                .hasSize(orders.size() + 1)
                .containsExactlyEntriesOf(read(
                        byDefault, (StorageSession s) -> defaults(s.orders()).reversalsOf(ids)));

        Map<String, Reversal> heldByDefault = tx(byDefault, (StorageSession s) -> {
            Map<String, Reversal> h = defaults(s.orders()).insertAllReversalsIfAbsent(batch);
            defaults(s.orders()).updateAll(before, after);
            return h;
        });
        Map<String, Reversal> held = tx(bulk, (StorageSession s) -> {
            Map<String, Reversal> h = s.orders().insertAllReversalsIfAbsent(batch);
            s.orders().updateAll(before, after);
            return h;
        });
        assertThat(held).as("seed %d", seed).containsExactlyEntriesOf(heldByDefault);
        assertThat(rows("order_reversals", bulk, "id"))
                .as("seed %d", seed)
                .hasSize(earlier.size() + batch.size() - held.size())
                .containsExactlyElementsOf(rows("order_reversals", byDefault, "id"));
        assertThat(rows("orders", bulk, "id"))
                .as("seed %d", seed)
                .containsExactlyElementsOf(rows("orders", byDefault, "id"));
        for (Order order : current.values()) {
            assertThat(read(bulk, (StorageSession s) -> s.orders().get(order.id())))
                    .as("seed %d", seed)
                    .contains(order);
        }
    }

    @Test
    @DisplayName("reversals: updateAll of a stale, unknown or out-of-step order fails as the default loop does")
    void reversals_updateAll_failsAsTheDefault() {
        long seed = seed();
        Random random = new Random(seed);
        List<CustomerId> customers = customers(2);
        Order a = randomOrder(random, customers, source(1));
        Order b = randomOrder(random, customers, source(2));
        Order ghost = randomOrder(random, customers, source(3));
        ActivityData.Reversed a1 =
                ActivityData.reverse(a, a.occurredAt(), null, a.lines().get(0).remainingQuantity());
        ActivityData.Reversed b1 =
                ActivityData.reverse(b, b.occurredAt(), null, b.lines().get(0).remainingQuantity());
        ActivityData.Reversed ghost1 = ActivityData.reverse(
                ghost, ghost.occurredAt(), null, ghost.lines().get(0).remainingQuantity());
        TenantId byDefault = newTenant();
        TenantId bulk = newTenant();
        for (TenantId tenant : List.of(byDefault, bulk)) {
            tx(tenant, (StorageSession s) -> {
                s.orders().insertIfAbsent(a);
                s.orders().insertIfAbsent(b);
                s.orders().update(b, b1.order()); // b is at version 2 now
                return null;
            });
        }
        record Case(String name, List<Order> before, List<Order> after, Class<? extends Throwable> thrown) {}
        List<Case> cases = List.of(
                new Case("stale", List.of(a, b), List.of(a1.order(), b1.order()), ConcurrencyException.class),
                new Case("unknown", List.of(a, ghost), List.of(a1.order(), ghost1.order()), NotFoundException.class),
                // Twice from the same state: the second step does not follow the first.
                new Case("out of step", List.of(a, a), List.of(a1.order(), a1.order()), ConcurrencyException.class),
                new Case("not one version up", List.of(a), List.of(a), IllegalArgumentException.class));
        for (Case c : cases) {
            for (TenantId tenant : List.of(byDefault, bulk)) {
                assertThatThrownBy(() -> tx(tenant, (StorageSession s) -> {
                            (tenant == bulk ? s.orders() : defaults(s.orders())).updateAll(c.before(), c.after());
                            return null;
                        }))
                        .as(c.name())
                        .isInstanceOf(c.thrown());
            }
        }
        assertThat(rows("orders", bulk, "id")).containsExactlyElementsOf(rows("orders", byDefault, "id"));
    }

    // --- interactions ---

    @Test
    @DisplayName(
            "interactions: nasty text (tabs, newlines, backslashes, \\N, quotes, emoji) round-trips and equals the defaults")
    void interactions_bulkEqualsDefaults_withNastyText() {
        long seed = seed();
        Random random = new Random(seed);
        List<CustomerId> customers = customers(4);
        List<Interaction> earlier = new ArrayList<>();
        List<Interaction> batch = new ArrayList<>();
        for (int key = 0; key < 300; key++) {
            CustomerId customer = random.nextInt(5) == 0 ? null : ActivityData.pick(random, customers);
            SourceRef source = random.nextInt(6) == 0 ? null : nastySource(random, key);
            Interaction interaction = nastyInteraction(random, customer, source);
            if (source != null && random.nextInt(4) == 0) {
                earlier.add(nastyInteraction(random, customer, source));
            }
            batch.add(interaction);
        }
        TenantId byDefault = newTenant();
        TenantId bulk = newTenant();
        for (TenantId tenant : List.of(byDefault, bulk)) {
            tx(tenant, (StorageSession s) -> {
                // The one-by-one path refuses interactions of customers the tenant lacks.
                for (CustomerId customer : customers) {
                    s.customers()
                            .insert(TestData.simpleCustomer(
                                    customer, "Customer " + customer, customer + "@example.com", Instant.EPOCH));
                }
                for (Interaction interaction : earlier) {
                    assertThat(s.interactions().insertIfAbsent(interaction)).isEmpty();
                }
                return null;
            });
        }
        List<SourceRef> lookups = batch.stream()
                .map(Interaction::source)
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(read(bulk, (StorageSession s) -> s.interactions().findBySources(lookups)))
                .as("seed %d", seed)
                .hasSize(earlier.size())
                .containsExactlyEntriesOf(read(byDefault, (StorageSession s) -> defaults(s.interactions())
                        .findBySources(lookups)));

        Map<String, Interaction> heldByDefault =
                tx(byDefault, (StorageSession s) -> defaults(s.interactions()).insertAllIfAbsent(batch));
        Map<String, Interaction> held =
                tx(bulk, (StorageSession s) -> s.interactions().insertAllIfAbsent(batch));
        assertThat(held).as("seed %d", seed).hasSize(earlier.size()).containsExactlyEntriesOf(heldByDefault);
        assertThat(rows("interactions", bulk, "id"))
                .as("seed %d", seed)
                .containsExactlyElementsOf(rows("interactions", byDefault, "id"));
        for (Interaction interaction : batch) {
            if (interaction.source() == null
                    || !held.containsKey(interaction.source().key())) {
                assertThat(read(bulk, (StorageSession s) -> s.interactions().get(interaction.id())))
                        .as("seed %d", seed)
                        .contains(interaction);
            }
        }
        // Every nasty string, as a whole column value, in every text column.
        List<Interaction> exact = new ArrayList<>();
        for (String text : NASTY) {
            exact.add(new Interaction(
                    ActivityData.interactionId(),
                    1,
                    null,
                    Channel.EMAIL,
                    Direction.INBOUND,
                    BASE,
                    BASE,
                    text,
                    text,
                    text,
                    text,
                    List.of(Participant.of(ParticipantRole.FROM, "ada@example.com")),
                    text,
                    null,
                    text,
                    List.of(),
                    Map.of(),
                    SourceRef.of("nasty", text)));
        }
        assertThat(tx(bulk, (StorageSession s) -> s.interactions().insertAllIfAbsent(exact)))
                .isEmpty();
        for (Interaction interaction : exact) {
            assertThat(read(bulk, (StorageSession s) -> s.interactions().get(interaction.id())))
                    .contains(interaction);
            assertThat(read(bulk, (StorageSession s) -> s.interactions().findBySource(interaction.source())))
                    .contains(interaction);
            assertThat(read(bulk, (StorageSession s) -> s.interactions().thread(interaction.threadId(), 5, null)))
                    .contains(interaction);
        }
    }

    // --- races ---

    @Test
    @DisplayName("two transactions bulk-inserting overlapping orders: each source recorded once, holders returned")
    void orders_concurrentOverlappingBatches() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        List<CustomerId> customers = customers(3);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        dataSource.delayCommits(20);
        try {
            for (int round = 0; round < 4; round++) {
                TenantId tenant = newTenant();
                int keys = 900;
                List<Order> first = new ArrayList<>();
                List<Order> second = new ArrayList<>();
                for (int key = 0; key < keys; key++) {
                    if (key < 600) {
                        first.add(randomOrder(random, customers, source(key)));
                    }
                    if (key >= 300) {
                        second.add(randomOrder(random, customers, source(key)));
                    }
                }
                first.add(randomOrder(random, customers, null));
                second.add(randomOrder(random, customers, null));
                Collections.shuffle(first, random);
                Collections.shuffle(second, random);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Map<String, Order>> a = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return tx(tenant, (StorageSession s) -> s.orders().insertAllIfAbsent(first));
                });
                Future<Map<String, Order>> b = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return tx(tenant, (StorageSession s) -> s.orders().insertAllIfAbsent(second));
                });
                Map<String, Order> heldForA = a.get(60, TimeUnit.SECONDS);
                Map<String, Order> heldForB = b.get(60, TimeUnit.SECONDS);
                assertThat(rows("orders", tenant, "id")).as("seed %d", seed).hasSize(keys + 2);
                List<SourceRef> all = new ArrayList<>();
                for (int key = 0; key < keys; key++) {
                    all.add(source(key));
                }
                Map<String, Order> stored =
                        read(tenant, (StorageSession s) -> s.orders().findBySources(all));
                assertThat(stored).hasSize(keys);
                Set<String> overlap = new HashSet<>();
                for (int key = 300; key < 600; key++) {
                    overlap.add(source(key).key());
                }
                assertThat(heldForA.size() + heldForB.size())
                        .as("seed %d", seed)
                        .isEqualTo(overlap.size());
                for (var lost : List.of(Map.entry(heldForA, first), Map.entry(heldForB, second))) {
                    for (Order order : lost.getValue()) {
                        if (order.source() == null) {
                            continue;
                        }
                        String key = order.source().key();
                        Order holder = lost.getKey().get(key);
                        if (holder != null) {
                            assertThat(overlap).contains(key);
                            assertThat(holder).isEqualTo(stored.get(key)).isNotEqualTo(order);
                        } else {
                            assertThat(stored.get(key)).isEqualTo(order);
                        }
                    }
                }
            }
        } finally {
            dataSource.delayCommits(0);
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("two transactions bulk-inserting customers with a shared identity: one commits, the other names it")
    void customers_concurrentInsertAll_conflictNamesTheWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        dataSource.delayCommits(20);
        try {
            for (int round = 0; round < 4; round++) {
                TenantId tenant = newTenant();
                List<Customer> first = new ArrayList<>();
                List<Customer> second = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    first.add(TestData.simpleCustomer(TestData.newId(), "A" + i, "a" + i + "@example.com", BASE));
                    second.add(TestData.simpleCustomer(TestData.newId(), "B" + i, "b" + i + "@example.com", BASE));
                }
                Customer shared = TestData.simpleCustomer(TestData.newId(), "Shared", "shared@example.com", BASE);
                Customer sharedToo =
                        TestData.simpleCustomer(TestData.newId(), "Shared too", "SHARED@example.com", BASE);
                first.add(150, shared);
                second.add(10, sharedToo);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Object>> results = new ArrayList<>();
                for (List<Customer> list : List.of(first, second)) {
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            tx(tenant, (StorageSession s) -> {
                                s.customers().insertAll(list);
                                return null;
                            });
                            return "committed";
                        } catch (IdentityConflictException e) {
                            return e;
                        }
                    }));
                }
                Object a = results.get(0).get(60, TimeUnit.SECONDS);
                Object b = results.get(1).get(60, TimeUnit.SECONDS);
                assertThat(List.of(a, b)).containsOnlyOnce("committed");
                boolean firstWon = "committed".equals(a);
                IdentityConflictException lost = (IdentityConflictException) (firstWon ? b : a);
                assertThat(lost.existingCustomerId()).isEqualTo(firstWon ? shared.id() : sharedToo.id());
                List<Customer> winners = firstWon ? first : second;
                List<Customer> losers = firstWon ? second : first;
                Map<CustomerId, Customer> stored = read(tenant, (StorageSession s) -> s.customers()
                        .getAll(java.util.stream.Stream.concat(winners.stream(), losers.stream())
                                .map(Customer::id)
                                .toList()));
                assertThat(stored.values()).containsExactlyElementsOf(winners);
                assertThat(rows("customer_identities", tenant, "identity_key")).hasSize(winners.size());
            }
        } finally {
            dataSource.delayCommits(0);
            pool.shutdownNow();
        }
    }

    // --- customers ---

    static List<Customer> randomCustomers(Random random, int count, int firstIndex) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Customer c = TestData.randomCustomer(random, firstIndex + i);
            List<Identity> identities = new ArrayList<>(c.identities());
            if (random.nextBoolean()) {
                identities.add(Identity.external("crm", "X\t" + ActivityData.pick(random, NASTY) + (firstIndex + i)));
            }
            if (random.nextInt(4) == 0) {
                identities.add(identities.get(0)); // repeated: held by the same customer, not a conflict
            }
            customers.add(new Customer(
                    c.id(),
                    1,
                    c.createdAt(),
                    c.updatedAt(),
                    c.displayName() + " " + ActivityData.pick(random, NASTY),
                    random.nextBoolean() ? null : "Given",
                    null,
                    identities,
                    Preferences.NONE,
                    c.stage(),
                    c.tags(),
                    c.attributes()));
        }
        return customers;
    }

    @Test
    @DisplayName(
            "customers: insertAll, getAll and findByIdentities store and return what the defaults do, past one chunk")
    void customers_bulkEqualsDefaults() {
        long seed = seed();
        Random random = new Random(seed);
        List<Customer> earlier = randomCustomers(random, 40, 0);
        List<Customer> batch = randomCustomers(random, 2500, 1000);
        TenantId byDefault = newTenant();
        TenantId bulk = newTenant();
        for (TenantId tenant : List.of(byDefault, bulk)) {
            tx(tenant, (StorageSession s) -> {
                for (Customer c : earlier) {
                    s.customers().insert(c);
                }
                return null;
            });
        }
        tx(byDefault, (StorageSession s) -> {
            defaults(s.customers()).insertAll(batch);
            return null;
        });
        tx(bulk, (StorageSession s) -> {
            s.customers().insertAll(batch);
            return null;
        });
        for (String[] table : List.of(
                new String[] {"customers", "id"},
                new String[] {"customer_identities", "identity_key"},
                new String[] {"customer_tags", "customer_id, tag"})) {
            assertThat(rows(table[0], bulk, table[1]))
                    .as("%s, seed %d", table[0], seed)
                    .isNotEmpty()
                    .containsExactlyElementsOf(rows(table[0], byDefault, table[1]));
        }
        List<CustomerId> ids = new ArrayList<>();
        List<Identity> identities = new ArrayList<>();
        for (Customer c : batch) {
            ids.add(c.id());
            identities.addAll(c.identities());
        }
        for (Customer c : earlier) {
            ids.add(0, c.id());
            identities.add(c.identities().get(0));
        }
        ids.add(TestData.newId());
        ids.add(ids.get(5));
        identities.add(Identity.email("nobody@example.com"));
        Collections.shuffle(ids, random);
        Collections.shuffle(identities, random);
        Map<CustomerId, Customer> all =
                read(bulk, (StorageSession s) -> s.customers().getAll(ids));
        assertThat(all).as("seed %d", seed).hasSize(earlier.size() + batch.size());
        assertThat(all).containsExactlyEntriesOf(read(byDefault, (StorageSession s) -> defaults(s.customers())
                .getAll(ids)));
        for (Customer c : batch) {
            assertThat(all.get(c.id())).isEqualTo(c);
        }
        Set<CustomerId> existing =
                read(bulk, (StorageSession s) -> s.customers().existing(ids));
        assertThat(existing)
                .as("seed %d", seed)
                .containsExactlyElementsOf(read(
                        byDefault, (StorageSession s) -> defaults(s.customers()).existing(ids)));
        assertThat(existing).containsExactlyElementsOf(new LinkedHashSet<>(all.keySet()));
        Map<String, Customer> holders =
                read(bulk, (StorageSession s) -> s.customers().findByIdentities(identities));
        assertThat(holders).as("seed %d", seed).containsExactlyEntriesOf(read(byDefault, (StorageSession s) -> defaults(
                        s.customers())
                .findByIdentities(identities)));
        assertThat(holders)
                .doesNotContainKey(Identity.email("nobody@example.com").key());
        assertThat(read(bulk, (StorageSession s) -> s.customers().getAll(List.of())))
                .isEmpty();
        assertThat(read(bulk, (StorageSession s) -> s.customers().findByIdentities(List.of())))
                .isEmpty();
    }

    @Test
    @DisplayName(
            "customers: an identity already held makes insertAll throw the default's IdentityConflictException; the transaction goes on")
    void customers_insertAll_identityConflict() {
        Customer holder = TestData.simpleCustomer(TestData.newId(), "Holder", "held@example.com", BASE);
        Customer fresh = TestData.simpleCustomer(TestData.newId(), "Fresh", "fresh@example.com", BASE);
        Customer clash = new Customer(
                TestData.newId(),
                1,
                BASE,
                BASE,
                "Clash",
                null,
                null,
                List.of(Identity.phone("+441632960001"), Identity.email("HELD@example.com")),
                Preferences.NONE,
                LifecycleStage.LEAD,
                List.of("vip"),
                Map.of());
        Customer after = TestData.simpleCustomer(TestData.newId(), "After", "after@example.com", BASE);
        Customer twin = TestData.simpleCustomer(TestData.newId(), "Twin", "fresh@example.com", BASE);
        TenantId byDefault = newTenant();
        TenantId bulk = newTenant();
        Map<TenantId, List<Object>> outcomes = new HashMap<>();
        for (TenantId tenant : List.of(byDefault, bulk)) {
            List<Object> outcome = new ArrayList<>();
            tx(tenant, (StorageSession s) -> {
                s.customers().insert(holder);
                return null;
            });
            tx(tenant, (StorageSession s) -> {
                CustomerStore store = tenant == bulk ? s.customers() : defaults(s.customers());
                for (List<Customer> list : List.of(List.of(fresh, clash, after), List.of(after, twin))) {
                    try {
                        store.insertAll(list);
                        outcome.add("inserted");
                    } catch (IdentityConflictException e) {
                        outcome.add(e.kind() + " held by " + e.existingCustomerId() + ": " + e.getMessage());
                    }
                    // Still usable (PostgreSQL aborts a transaction on any failed statement).
                    outcome.add(s.customers().get(holder.id()).orElseThrow().displayName());
                }
                return null;
            });
            outcomes.put(tenant, outcome);
        }
        assertThat(outcomes.get(bulk))
                .isEqualTo(outcomes.get(byDefault))
                .startsWith(
                        "EMAIL held by " + holder.id() + ": email identity is already held by customer " + holder.id());
        assertThat(outcomes.get(bulk).get(2)).asString().contains("held by " + fresh.id());
        for (String[] table : List.of(
                new String[] {"customers", "id"},
                new String[] {"customer_identities", "identity_key"},
                new String[] {"customer_tags", "customer_id, tag"})) {
            assertThat(rows(table[0], bulk, table[1]))
                    .as(table[0])
                    .containsExactlyElementsOf(rows(table[0], byDefault, table[1]));
        }
    }

    // --- read sessions ---

    @Test
    @DisplayName("read sessions refuse the bulk writes and serve the bulk reads")
    void readSessions_refuseBulkWrites() {
        TenantId tenant = newTenant();
        List<CustomerId> customers = customers(1);
        Order order = randomOrder(new Random(1), customers, source(1));
        Interaction interaction = nastyInteraction(new Random(2), customers.get(0), source(2));
        Customer customer = TestData.simpleCustomer(customers.get(0), "Ada", "ada@example.com", BASE);
        assertThatThrownBy(() -> read(tenant, (StorageSession s) -> s.orders().insertAllIfAbsent(List.of(order))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() ->
                        read(tenant, (StorageSession s) -> s.interactions().insertAllIfAbsent(List.of(interaction))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> read(tenant, (StorageSession s) -> {
                    s.customers().insertAll(List.of(customer));
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only");
        assertThat(read(tenant, (StorageSession s) -> s.orders().findBySources(List.of(source(1)))))
                .isEmpty();
        assertThat(read(tenant, (StorageSession s) -> s.interactions().findBySources(List.of(source(2)))))
                .isEmpty();
        assertThat(read(tenant, (StorageSession s) -> s.customers().getAll(customers)))
                .isEmpty();
        assertThat(read(tenant, (StorageSession s) -> s.customers().findByIdentities(customer.identities())))
                .isEmpty();
        assertThat(rows("orders", tenant, "id")).isEmpty();
        assertThat(rows("interactions", tenant, "id")).isEmpty();
        assertThat(rows("customers", tenant, "id")).isEmpty();
    }
}
