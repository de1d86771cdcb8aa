package dev.rapport.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.IdentityKind;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.StorageException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerUpdated;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.CustomerPageRequest;
import dev.rapport.crm.spi.SortKey;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.StoredEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the JDBC adapter must do on every database. A subclass per database names the fixture;
 * each test works in its own random tenant, so tests share one schema without seeing each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcStorageContract {

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
        dataSource.delayCommits(0);
        dataSource.failNextCommits(0, "40001");
        assertThat(dataSource.openConnections()).as("connections left open").isZero();
    }

    private static TenantId newTenant() {
        return new TenantId(UUID.randomUUID());
    }

    private <T> T tx(TenantId tenant, Function<StorageSession, T> work) {
        return storage.inTransaction(tenant, work::apply);
    }

    private void insert(TenantId tenant, Customer... customers) {
        tx(tenant, s -> {
            for (Customer customer : customers) {
                s.customers().insert(customer);
            }
            return null;
        });
    }

    private Customer get(TenantId tenant, CustomerId id) {
        return maybeGet(tenant, id).orElseThrow();
    }

    private Optional<Customer> maybeGet(TenantId tenant, CustomerId id) {
        return storage.read(tenant, s -> s.customers().get(id));
    }

    private Optional<Customer> findByIdentity(TenantId tenant, Identity identity) {
        return storage.read(tenant, s -> s.customers().findByIdentity(identity));
    }

    private long count(TenantId tenant, CustomerCriteria criteria) {
        return storage.read(tenant, s -> s.customers().count(criteria));
    }

    private List<StoredEvent> events(TenantId tenant, long after, int limit) {
        return storage.read(tenant, s -> s.events().read(after, limit));
    }

    private List<AttributeDefinition> definitions(TenantId tenant) {
        return storage.read(tenant, s -> s.attributeDefinitions().list());
    }

    private Optional<AttributeDefinition> definition(TenantId tenant, String key) {
        return storage.read(tenant, s -> s.attributeDefinitions().get(key));
    }

    // --- schema and setup ---

    @Test
    void create_isIdempotent_andDetectsTheDialect() {
        JdbcStorage again = JdbcStorage.create(dataSource);
        assertThat(again.dialect()).isEqualTo(storage.dialect());
        assertThat(again.dialect().name()).isEqualTo(database.name());
    }

    // --- round trips ---

    @Test
    @DisplayName("a customer with every field, identity kind, consent and attribute type round-trips")
    void insert_get_roundTripsAFullCustomer() {
        TenantId tenant = newTenant();
        Customer customer = TestData.fullCustomer(TestData.newId(), "Ada@Example.com");
        insert(tenant, customer);

        assertThat(get(tenant, customer.id())).isEqualTo(customer);
        for (Identity identity : customer.identities()) {
            assertThat(findByIdentity(tenant, identity)).contains(customer);
        }
        assertThat(findByIdentity(tenant, Identity.email("ADA@example.COM")))
                .as("email identities match case-insensitively")
                .contains(customer);
        assertThat(findByIdentity(tenant, Identity.email("other@example.com"))).isEmpty();
    }

    @Test
    void test_no_drift_when_storing_and_retrieving_instants_in_a_non_utc_zone() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
        try {
            TenantId tenant = newTenant();
            List<Instant> instants = List.of(
                    Instant.parse("2025-03-30T01:30:00.000001Z"), // around a DST change in Europe
                    Instant.parse("2025-10-26T01:30:00.999999Z"),
                    Instant.parse("1970-01-01T00:00:00Z"),
                    Instant.parse("1900-06-30T12:34:56.654321Z"),
                    Instant.parse("9999-12-31T23:59:59.999999Z"), // far future
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            List<Customer> customers = new ArrayList<>();
            for (int i = 0; i < instants.size(); i++) {
                Instant at = instants.get(i);
                customers.add(TestData.simpleCustomer(TestData.newId(), "c" + i, "c" + i + "@example.com", at));
            }
            insert(tenant, customers.toArray(Customer[]::new));
            for (Customer customer : customers) {
                Customer read = get(tenant, customer.id());
                assertThat(read.createdAt()).isEqualTo(customer.createdAt());
                assertThat(read.updatedAt()).isEqualTo(customer.updatedAt());
            }
            // The keyset position of a far-future instant still works.
            List<Customer> page = storage.read(tenant, s -> s.customers()
                    .list(new CustomerPageRequest(
                            CustomerCriteria.all(),
                            CustomerSort.CREATED,
                            10,
                            new SortKey(
                                    Instant.parse("9999-12-31T23:59:59.999998Z"),
                                    null,
                                    new CustomerId(new UUID(0, 0))))));
            assertThat(page)
                    .extracting(Customer::createdAt)
                    .containsExactly(Instant.parse("9999-12-31T23:59:59.999999Z"));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void instants_areTruncatedToTheMicrosecond_notRounded() {
        TenantId tenant = newTenant();
        Instant withNanos = Instant.parse("2025-01-01T00:00:00.000000999Z");
        Customer customer = TestData.simpleCustomer(TestData.newId(), "n", "n@example.com", withNanos);
        insert(tenant, customer);
        assertThat(get(tenant, customer.id()).createdAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    // --- identities ---

    @Test
    void insert_rejectsAnIdentityHeldByAnother_andWritesNothing() {
        TenantId tenant = newTenant();
        Customer first = TestData.fullCustomer(TestData.newId(), "shared@example.com");
        insert(tenant, first);
        Customer second = TestData.simpleCustomer(TestData.newId(), "Bob", "SHARED@example.com", TestData.T0);

        // The engine may catch the conflict and carry on: the failed insert must have left nothing.
        tx(tenant, s -> {
            assertThatThrownBy(() -> s.customers().insert(second))
                    .isInstanceOfSatisfying(IdentityConflictException.class, e -> {
                        assertThat(e.existingCustomerId()).isEqualTo(first.id());
                        assertThat(e.kind()).isEqualTo(IdentityKind.EMAIL);
                        assertThat(e.getMessage()).doesNotContain("shared");
                    });
            return null;
        });
        assertThat(maybeGet(tenant, second.id())).isEmpty();
        assertThat(count(tenant, CustomerCriteria.all())).isEqualTo(1);
        assertThat(findByIdentity(tenant, Identity.email("shared@example.com"))).contains(first);
    }

    @Test
    void insert_acceptsARepeatedIdentityOfTheSameCustomer() {
        TenantId tenant = newTenant();
        Customer customer = new Customer(
                TestData.newId(),
                1,
                TestData.T0,
                TestData.T0,
                "Twice",
                null,
                null,
                List.of(Identity.email("twice@example.com"), Identity.email("TWICE@example.com")),
                dev.rapport.crm.model.Preferences.NONE,
                dev.rapport.crm.model.LifecycleStage.LEAD,
                List.of(),
                Map.of());
        insert(tenant, customer);
        assertThat(get(tenant, customer.id())).isEqualTo(customer);
    }

    @Test
    @DisplayName("two transactions racing for one email: exactly one wins, the other names the winner")
    void insert_concurrentSameEmail_exactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                TenantId tenant = newTenant();
                String email = "race" + round + "@example.com";
                CyclicBarrier barrier = new CyclicBarrier(2);
                List<Customer> contenders = List.of(
                        TestData.simpleCustomer(TestData.newId(), "A", email, TestData.T0),
                        TestData.simpleCustomer(TestData.newId(), "B", email.toUpperCase(), TestData.T0));
                List<Future<Object>> results = new ArrayList<>();
                for (Customer contender : contenders) {
                    results.add(pool.submit(() -> {
                        try {
                            return tx(tenant, s -> {
                                awaitQuietly(barrier);
                                s.customers().insert(contender);
                                // Hold the transaction open so the other contender's insert
                                // meets an uncommitted row: the race this test is about.
                                sleepMillis(5);
                                return contender.id();
                            });
                        } catch (IdentityConflictException e) {
                            return e;
                        }
                    }));
                }
                List<Object> outcomes = new ArrayList<>();
                for (Future<Object> result : results) {
                    outcomes.add(result.get(30, TimeUnit.SECONDS));
                }
                List<Object> winners =
                        outcomes.stream().filter(o -> o instanceof CustomerId).toList();
                List<Object> losers = outcomes.stream()
                        .filter(o -> o instanceof IdentityConflictException)
                        .toList();
                assertThat(winners).as("round %d: %s", round, outcomes).hasSize(1);
                assertThat(losers).hasSize(1);
                assertThat(((IdentityConflictException) losers.get(0)).existingCustomerId())
                        .isEqualTo(winners.get(0));
                assertThat(findByIdentity(tenant, Identity.email(email)))
                        .map(Customer::id)
                        .contains((CustomerId) winners.get(0));
                assertThat(count(tenant, CustomerCriteria.all())).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void update_addingAnIdentityHeldByAnother_conflicts_andUndoesTheWholeUpdate() {
        TenantId tenant = newTenant();
        Customer holder = TestData.simpleCustomer(TestData.newId(), "Holder", "held@example.com", TestData.T0);
        Customer other = TestData.simpleCustomer(TestData.newId(), "Other", "other@example.com", TestData.T0);
        insert(tenant, holder, other);
        Customer changed = new Customer(
                other.id(),
                2,
                other.createdAt(),
                TestData.T0.plusSeconds(1),
                "Renamed",
                null,
                null,
                List.of(Identity.phone("+15550100"), Identity.email("held@example.com")),
                other.preferences(),
                other.stage(),
                List.of("t"),
                other.attributes());
        tx(tenant, s -> {
            assertThatThrownBy(() -> s.customers().update(other, changed))
                    .isInstanceOfSatisfying(IdentityConflictException.class, e -> assertThat(e.existingCustomerId())
                            .isEqualTo(holder.id()));
            // Nothing of the update remains, even though this transaction commits.
            assertThat(s.customers().get(other.id())).contains(other);
            assertThat(s.customers().findByIdentity(Identity.phone("+15550100")))
                    .isEmpty();
            return null;
        });
        assertThat(get(tenant, other.id())).isEqualTo(other);
        assertThat(findByIdentity(tenant, Identity.phone("+15550100"))).isEmpty();
    }

    @Test
    void update_movesIdentitiesAndTags() {
        TenantId tenant = newTenant();
        Customer before = TestData.fullCustomer(TestData.newId(), "old@example.com");
        insert(tenant, before);
        Customer after = new Customer(
                before.id(),
                2,
                before.createdAt(),
                before.updatedAt().plusSeconds(5),
                "Augusta Ada King",
                "Augusta",
                null,
                List.of(Identity.email("new@example.com"), before.identities().get(1)),
                before.preferences(),
                dev.rapport.crm.model.LifecycleStage.AT_RISK,
                List.of("newsletter", "b2b"),
                Map.of("visits", new AttributeValue.Int(3)));
        tx(tenant, s -> {
            s.customers().update(before, after);
            return null;
        });
        assertThat(get(tenant, before.id())).isEqualTo(after);
        assertThat(findByIdentity(tenant, Identity.email("old@example.com"))).isEmpty();
        assertThat(findByIdentity(tenant, Identity.email("new@example.com"))).contains(after);
        assertThat(count(tenant, CustomerCriteria.hasTag("vip"))).isZero();
        assertThat(count(tenant, CustomerCriteria.hasTag("b2b"))).isEqualTo(1);
        // The freed email can be taken by someone else.
        insert(tenant, TestData.simpleCustomer(TestData.newId(), "Next", "old@example.com", TestData.T0));
    }

    // --- versions ---

    @Test
    void update_withAStaleVersion_throwsConcurrency_andWritesNothing() {
        TenantId tenant = newTenant();
        Customer v1 = TestData.simpleCustomer(TestData.newId(), "V", "v@example.com", TestData.T0);
        insert(tenant, v1);
        Customer v2 = TestData.next(v1, TestData.T0.plusSeconds(1));
        tx(tenant, s -> {
            s.customers().update(v1, v2);
            return null;
        });
        Customer staleNext = new Customer(
                v1.id(),
                2,
                v1.createdAt(),
                TestData.T0.plusSeconds(2),
                "Stale",
                null,
                null,
                List.of(Identity.email("stale@example.com")),
                v1.preferences(),
                v1.stage(),
                List.of(),
                Map.of());
        assertThatThrownBy(() -> tx(tenant, s -> {
                    s.customers().update(v1, staleNext);
                    return null;
                }))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining(v1.id().toString());
        assertThat(get(tenant, v1.id())).isEqualTo(v2);
        assertThat(findByIdentity(tenant, Identity.email("stale@example.com"))).isEmpty();
    }

    @Test
    void update_and_delete_ofAMissingCustomer_throwNotFound() {
        TenantId tenant = newTenant();
        Customer ghost = TestData.simpleCustomer(TestData.newId(), "G", "g@example.com", TestData.T0);
        assertThatThrownBy(() -> tx(tenant, s -> {
                    s.customers().update(ghost, TestData.next(ghost, TestData.T0));
                    return null;
                }))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tx(tenant, s -> {
                    s.customers().delete(ghost);
                    return null;
                }))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void delete_isVersionGuarded_andFreesIdentitiesAndTags() {
        TenantId tenant = newTenant();
        Customer customer = TestData.fullCustomer(TestData.newId(), "gone@example.com");
        insert(tenant, customer);
        Customer v2 = TestData.next(customer, TestData.T0.plusSeconds(1));
        tx(tenant, s -> {
            s.customers().update(customer, v2);
            return null;
        });
        assertThatThrownBy(() -> tx(tenant, s -> {
                    s.customers().delete(customer);
                    return null;
                }))
                .isInstanceOf(ConcurrencyException.class);
        tx(tenant, s -> {
            s.customers().delete(v2);
            return null;
        });
        assertThat(maybeGet(tenant, customer.id())).isEmpty();
        assertThat(count(tenant, CustomerCriteria.hasTag("vip"))).isZero();
        Customer reuse = TestData.fullCustomer(TestData.newId(), "gone@example.com");
        Customer reuseWithSameOtherIdentities = new Customer(
                reuse.id(),
                1,
                reuse.createdAt(),
                reuse.updatedAt(),
                reuse.displayName(),
                null,
                null,
                customer.identities(),
                reuse.preferences(),
                reuse.stage(),
                reuse.tags(),
                reuse.attributes());
        insert(tenant, reuseWithSameOtherIdentities);
        assertThat(findByIdentity(tenant, Identity.email("gone@example.com")))
                .map(Customer::id)
                .contains(reuse.id());
    }

    // --- criteria ---

    @Test
    @DisplayName("every criteria leaf, NOT over missing attributes and nested trees agree with a Java evaluation")
    void count_and_list_agreeWithAJavaEvaluation_onRandomCustomersAndCriteria() {
        long seed = Long.getLong("rapport.seed", System.nanoTime());
        Random random = new Random(seed);
        TenantId tenant = newTenant();
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            customers.add(TestData.randomCustomer(random, i));
        }
        insert(tenant, customers.toArray(Customer[]::new));
        insert(newTenant(), TestData.randomCustomer(random, 1000)); // another tenant's data never shows
        for (int i = 0; i < 250; i++) {
            CustomerCriteria criteria = TestData.randomCriteria(random, 3);
            List<Customer> expected = customers.stream()
                    .filter(c -> TestData.matches(criteria, c))
                    .sorted(TestData.order(CustomerSort.CREATED))
                    .toList();
            CustomerSort sort = random.nextBoolean() ? CustomerSort.CREATED : CustomerSort.NAME;
            int pageSize = 1 + random.nextInt(30);
            storage.read(tenant, s -> {
                assertThat(s.customers().count(criteria))
                        .as("seed %d (pin with -Drapport.seed=%d), criteria %s", seed, seed, criteria)
                        .isEqualTo(expected.size());
                assertThat(listAll(s, criteria, sort, pageSize))
                        .as("seed %d (pin with -Drapport.seed=%d), sort %s, criteria %s", seed, seed, sort, criteria)
                        .containsExactlyElementsOf(
                                expected.stream().sorted(TestData.order(sort)).toList());
                return null;
            });
        }
    }

    @Test
    void not_ofAnAttributeLeaf_matchesCustomersWithoutTheAttribute() {
        TenantId tenant = newTenant();
        Customer gold = withAttributes("gold", Map.of("tier", new AttributeValue.Text("gold")));
        Customer silver = withAttributes("silver", Map.of("tier", new AttributeValue.Text("silver")));
        Customer none = withAttributes("none", Map.of());
        insert(tenant, gold, silver, none);
        CustomerCriteria isGold = CustomerCriteria.attribute("tier").eq("gold");
        assertThat(ids(tenant, isGold)).containsExactly(gold.id());
        assertThat(ids(tenant, CustomerCriteria.not(isGold))).containsExactlyInAnyOrder(silver.id(), none.id());
        assertThat(ids(tenant, CustomerCriteria.attribute("tier").ne("gold"))).containsExactly(silver.id());
        assertThat(ids(
                        tenant,
                        CustomerCriteria.not(CustomerCriteria.attribute("tier").ne("gold"))))
                .containsExactlyInAnyOrder(gold.id(), none.id());
        assertThat(ids(
                        tenant,
                        CustomerCriteria.not(CustomerCriteria.attribute("tier").lt("h"))))
                .containsExactlyInAnyOrder(silver.id(), none.id());
        assertThat(ids(
                        tenant,
                        CustomerCriteria.not(CustomerCriteria.attribute("tier").present())))
                .containsExactly(none.id());
        assertThat(ids(
                        tenant,
                        CustomerCriteria.not(CustomerCriteria.attribute("tier").in())))
                .hasSize(3);
    }

    @Test
    void namePrefix_escapesLikeWildcards() {
        TenantId tenant = newTenant();
        Customer percent = TestData.simpleCustomer(TestData.newId(), "100% Pure", "p@example.com", TestData.T0);
        Customer plain = TestData.simpleCustomer(TestData.newId(), "100 Pure", "q@example.com", TestData.T0);
        Customer under = TestData.simpleCustomer(TestData.newId(), "a_b", "r@example.com", TestData.T0);
        Customer notUnder = TestData.simpleCustomer(TestData.newId(), "axb", "s@example.com", TestData.T0);
        Customer bang = TestData.simpleCustomer(TestData.newId(), "bang!x", "t@example.com", TestData.T0);
        Customer slash = TestData.simpleCustomer(TestData.newId(), "back\\slash", "u@example.com", TestData.T0);
        insert(tenant, percent, plain, under, notUnder, bang, slash);
        assertThat(ids(tenant, CustomerCriteria.namePrefix("100%"))).containsExactly(percent.id());
        assertThat(ids(tenant, CustomerCriteria.namePrefix("A_"))).containsExactly(under.id());
        assertThat(ids(tenant, CustomerCriteria.namePrefix("bang!"))).containsExactly(bang.id());
        assertThat(ids(tenant, CustomerCriteria.namePrefix("BACK\\"))).containsExactly(slash.id());
        assertThat(ids(tenant, CustomerCriteria.namePrefix(""))).hasSize(6);
    }

    @Test
    void attributeComparisons_useTheValueType() {
        TenantId tenant = newTenant();
        Customer a = withAttributes(
                "a",
                Map.of(
                        "balance", new AttributeValue.Decimal(new BigDecimal("9.5")),
                        "last_seen", new AttributeValue.Timestamp(Instant.parse("2025-01-02T03:04:05Z")),
                        "tier", new AttributeValue.Text("\uFF46")));
        Customer b = withAttributes(
                "b",
                Map.of(
                        "balance", new AttributeValue.Decimal(new BigDecimal("10")),
                        "last_seen", new AttributeValue.Timestamp(Instant.parse("2025-01-02T03:04:05.000001Z")),
                        "tier", new AttributeValue.Text("\uD83D\uDE00")));
        insert(tenant, a, b);
        // Numerically 9.5 < 10 (as text "10" < "9.5").
        assertThat(ids(tenant, CustomerCriteria.attribute("balance").lt(new BigDecimal("10"))))
                .containsExactly(a.id());
        // "...05Z" < "...05.000001Z" in time, though not as text.
        assertThat(ids(tenant, CustomerCriteria.attribute("last_seen").gt(Instant.parse("2025-01-02T03:04:05Z"))))
                .containsExactly(b.id());
        // By code point U+FF46 < U+1F600, though not by UTF-16 code unit.
        assertThat(ids(tenant, CustomerCriteria.attribute("tier").gt("\uFF46"))).containsExactly(b.id());
        assertThat(listAll(tenant, CustomerCriteria.all(), CustomerSort.NAME, 10))
                .extracting(Customer::id)
                .containsExactly(a.id(), b.id());
    }

    private Customer withAttributes(String name, Map<String, AttributeValue> attributes) {
        Customer base = TestData.simpleCustomer(TestData.newId(), name, name + "@example.com", TestData.T0);
        return new Customer(
                base.id(),
                1,
                base.createdAt(),
                base.updatedAt(),
                base.displayName(),
                null,
                null,
                base.identities(),
                base.preferences(),
                base.stage(),
                base.tags(),
                attributes);
    }

    private List<CustomerId> ids(TenantId tenant, CustomerCriteria criteria) {
        List<CustomerId> listed = listAll(tenant, criteria, CustomerSort.CREATED, 100).stream()
                .map(Customer::id)
                .toList();
        assertThat(count(tenant, criteria)).isEqualTo(listed.size());
        return listed;
    }

    private List<Customer> listAll(TenantId tenant, CustomerCriteria criteria, CustomerSort sort, int pageSize) {
        return storage.read(tenant, s -> listAll(s, criteria, sort, pageSize));
    }

    /** Pages through a listing in one session (one connection), following each page's last position. */
    private static List<Customer> listAll(
            StorageSession session, CustomerCriteria criteria, CustomerSort sort, int pageSize) {
        List<Customer> all = new ArrayList<>();
        SortKey after = null;
        while (true) {
            List<Customer> page = session.customers().list(new CustomerPageRequest(criteria, sort, pageSize, after));
            assertThat(page.size()).isLessThanOrEqualTo(pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            Customer last = page.get(page.size() - 1);
            after = new SortKey(last.createdAt(), TestData.sortName(last), last.id());
        }
    }

    // --- paging ---

    @Test
    @DisplayName("keyset paging visits every customer exactly once, in order, in both sorts")
    void list_keysetPaging_visitsEveryRowOnceInOrder() {
        TenantId tenant = newTenant();
        Random random = new Random(42);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 57; i++) {
            customers.add(TestData.randomCustomer(random, i));
        }
        insert(tenant, customers.toArray(Customer[]::new));
        for (CustomerSort sort : CustomerSort.values()) {
            for (int pageSize : new int[] {1, 4, 10, 57, 100}) {
                List<Customer> listed = listAll(tenant, CustomerCriteria.all(), sort, pageSize);
                assertThat(listed)
                        .as("sort %s, page size %d", sort, pageSize)
                        .containsExactlyElementsOf(
                                customers.stream().sorted(TestData.order(sort)).toList());
            }
        }
    }

    // --- tenants ---

    @Test
    @DisplayName("no store method reads or writes another tenant's rows")
    void everyStoreMethod_isScopedToItsTenant() {
        TenantId mine = newTenant();
        TenantId theirs = newTenant();
        Customer theirCustomer = TestData.fullCustomer(TestData.newId(), "same@example.com");
        insert(theirs, theirCustomer);
        tx(theirs, s -> {
            s.attributeDefinitions().put(AttributeDefinition.of("tier", AttributeType.TEXT));
            s.events().append(List.of(created(theirs)));
            return null;
        });

        // Same identity in another tenant: no conflict.
        Customer myCustomer = TestData.fullCustomer(TestData.newId(), "same@example.com");
        insert(mine, myCustomer);
        storage.read(mine, s -> {
            assertThat(s.customers().get(theirCustomer.id())).isEmpty();
            assertThat(s.customers().findByIdentity(Identity.email("same@example.com")))
                    .contains(myCustomer);
            assertThat(s.customers().count(CustomerCriteria.all())).isEqualTo(1);
            assertThat(s.customers()
                            .list(new CustomerPageRequest(CustomerCriteria.all(), CustomerSort.CREATED, 10, null)))
                    .containsExactly(myCustomer);
            assertThat(s.attributeDefinitions().list()).isEmpty();
            assertThat(s.attributeDefinitions().get("tier")).isEmpty();
            assertThat(s.attributeDefinitions().countCustomersWithValue("tier")).isEqualTo(1);
            assertThat(s.events().read(0, 100)).isEmpty();
            return null;
        });
        // Writes addressed to the other tenant's customer find nothing.
        assertThatThrownBy(() -> tx(mine, s -> {
                    s.customers().update(theirCustomer, TestData.next(theirCustomer, TestData.T0));
                    return null;
                }))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tx(mine, s -> {
                    s.customers().delete(theirCustomer);
                    return null;
                }))
                .isInstanceOf(NotFoundException.class);
        tx(mine, s -> {
            s.attributeDefinitions().remove("tier");
            return null;
        });
        assertThatThrownBy(() -> tx(mine, s -> {
                    s.events().append(List.of(created(theirs)));
                    return null;
                }))
                .isInstanceOf(IllegalArgumentException.class);
        // Their data is intact.
        assertThat(get(theirs, theirCustomer.id())).isEqualTo(theirCustomer);
        assertThat(definitions(theirs)).hasSize(1);
        assertThat(events(theirs, 0, 10)).hasSize(1);
    }

    // --- attribute definitions ---

    @Test
    void attributeDefinitions_upsertListGetRemove_andCountValues() {
        TenantId tenant = newTenant();
        AttributeDefinition tier =
                AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("gold", "silver");
        AttributeDefinition balance = AttributeDefinition.of("balance", AttributeType.DECIMAL)
                .withRange(new BigDecimal("-1.5"), null)
                .asRequired();
        tx(tenant, s -> {
            s.attributeDefinitions().put(tier);
            s.attributeDefinitions().put(balance);
            return null;
        });
        assertThat(definitions(tenant)).containsExactly(balance, tier);
        AttributeDefinition longer = tier.withMaxLength(10);
        tx(tenant, s -> {
            s.attributeDefinitions().put(longer);
            return null;
        });
        assertThat(definition(tenant, "tier")).contains(longer);
        insert(
                tenant,
                withAttributes("x", Map.of("tier", new AttributeValue.Choice("gold"))),
                withAttributes("y", Map.of("balance", new AttributeValue.Decimal(BigDecimal.ONE))),
                withAttributes("z", Map.of("tier", new AttributeValue.Choice("silver"))));
        storage.read(tenant, s -> {
            assertThat(s.attributeDefinitions().countCustomersWithValue("tier")).isEqualTo(2);
            assertThat(s.attributeDefinitions().countCustomersWithValue("balance"))
                    .isEqualTo(1);
            assertThat(s.attributeDefinitions().countCustomersWithValue("nothing"))
                    .isZero();
            return null;
        });
        tx(tenant, s -> {
            s.attributeDefinitions().remove("tier");
            s.attributeDefinitions().remove("never_defined");
            return null;
        });
        assertThat(definitions(tenant)).containsExactly(balance);
    }

    // --- transactions ---

    @Test
    void read_refusesWrites() {
        TenantId tenant = newTenant();
        Customer customer = TestData.simpleCustomer(TestData.newId(), "R", "r@example.com", TestData.T0);
        storage.read(tenant, s -> {
            assertThatThrownBy(() -> s.customers().insert(customer)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> s.attributeDefinitions().put(AttributeDefinition.of("k", AttributeType.TEXT)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> s.events().append(List.of(created(tenant))))
                    .isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void session_isUnusableOutsideItsCallback() {
        TenantId tenant = newTenant();
        StorageSession escaped = storage.inTransaction(tenant, s -> s);
        assertThatThrownBy(() -> escaped.customers().get(TestData.newId())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void work_exceptions_areRethrownUnchanged_andRollBack() {
        TenantId tenant = newTenant();
        Customer customer = TestData.simpleCustomer(TestData.newId(), "X", "x@example.com", TestData.T0);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> tx(tenant, s -> {
                    s.customers().insert(customer);
                    s.events().append(List.of(created(tenant)));
                    throw boom;
                }))
                .isSameAs(boom);
        assertThat(maybeGet(tenant, customer.id())).isEmpty();
        assertThat(events(tenant, 0, 10)).isEmpty();
    }

    @Test
    void sqlFailures_areWrappedInStorageException_withoutPersonalData() {
        TenantId tenant = newTenant();
        Customer customer = TestData.simpleCustomer(TestData.newId(), "Secret Name", "secret@example.com", TestData.T0);
        insert(tenant, customer);
        Customer sameId =
                TestData.simpleCustomer(customer.id(), "Secret Name", "other-secret@example.com", TestData.T0);
        assertThatThrownBy(() -> insert(tenant, sameId))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(customer.id().toString())
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain("Secret").doesNotContain("secret"));
    }

    @Test
    @DisplayName("a serialization failure at commit re-runs the work on a fresh transaction: one commit")
    void inTransaction_retriesOnSerializationFailure_committingOnce() {
        TenantId tenant = newTenant();
        Customer customer = TestData.simpleCustomer(TestData.newId(), "Retry", "retry@example.com", TestData.T0);
        AtomicInteger attempts = new AtomicInteger();
        dataSource.failNextCommits(2, "40001");
        CustomerId id = tx(tenant, s -> {
            attempts.incrementAndGet();
            s.customers().insert(customer);
            s.events().append(List.of(created(tenant)));
            return customer.id();
        });
        assertThat(id).isEqualTo(customer.id());
        assertThat(attempts).hasValue(3);
        assertThat(count(tenant, CustomerCriteria.all())).isEqualTo(1);
        assertThat(events(tenant, 0, 10)).extracting(StoredEvent::position).containsExactly(1L);
    }

    @Test
    void inTransaction_givesUpAfterMaxRetries() {
        TenantId tenant = newTenant();
        JdbcStorage noRetry = JdbcStorage.builder(dataSource)
                .migrate(false)
                .dialect(storage.dialect())
                .maxRetries(1)
                .build();
        AtomicInteger attempts = new AtomicInteger();
        dataSource.failNextCommits(5, "40P01");
        assertThatThrownBy(() -> noRetry.inTransaction(tenant, s -> {
                    attempts.incrementAndGet();
                    s.customers().insert(TestData.simpleCustomer(TestData.newId(), "N", "n@example.com", TestData.T0));
                    return null;
                }))
                .isInstanceOf(StorageException.class)
                .hasRootCauseMessage("injected failure");
        assertThat(attempts).hasValue(2);
        dataSource.failNextCommits(0, "40001");
        assertThat(count(tenant, CustomerCriteria.all())).isZero();
    }

    @Test
    @DisplayName("a real deadlock between two writers is retried and both commit")
    void inTransaction_retriesARealDeadlock() throws Exception {
        TenantId tenant = newTenant();
        Customer a = TestData.simpleCustomer(TestData.newId(), "A", "a@example.com", TestData.T0);
        Customer b = TestData.simpleCustomer(TestData.newId(), "B", "b@example.com", TestData.T0);
        insert(tenant, a, b);
        CyclicBarrier barrier = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<CustomerId> order : List.of(List.of(a.id(), b.id()), List.of(b.id(), a.id()))) {
                AtomicBoolean first = new AtomicBoolean(true);
                done.add(pool.submit(() -> tx(tenant, s -> {
                    attempts.incrementAndGet();
                    bump(s, order.get(0));
                    if (first.getAndSet(false)) {
                        awaitQuietly(barrier);
                    }
                    bump(s, order.get(1));
                    return null;
                })));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(get(tenant, a.id()).version()).isEqualTo(3);
        assertThat(get(tenant, b.id()).version()).isEqualTo(3);
        assertThat(attempts.get()).as("one writer was retried").isGreaterThanOrEqualTo(3);
    }

    /**
     * Reads and bumps a customer, reading again on a stale version as the engine does (a retried
     * attempt may read a row that a concurrent writer is about to commit).
     */
    private static void bump(StorageSession s, CustomerId id) {
        for (int tries = 0; ; tries++) {
            Customer current = s.customers().get(id).orElseThrow();
            try {
                s.customers().update(current, TestData.next(current, TestData.T0));
                return;
            } catch (ConcurrencyException e) {
                if (tries == 5) {
                    throw e;
                }
            }
        }
    }

    // --- event log ---

    private static CustomerCreated created(TenantId tenant) {
        return new CustomerCreated(
                new EventId(UUID.randomUUID()), tenant, TestData.T0, new CustomerId(UUID.randomUUID()), 1);
    }

    @Test
    void events_roundTrip_inPositionOrder() {
        TenantId tenant = newTenant();
        CrmEvent first = created(tenant);
        CrmEvent second = new CustomerUpdated(
                new EventId(UUID.randomUUID()),
                tenant,
                Instant.parse("2025-01-01T00:00:00.000001Z"),
                new CustomerId(UUID.randomUUID()),
                2,
                List.of("tags", "displayName"));
        tx(tenant, s -> {
            s.events().append(List.of(first));
            s.events().append(List.of(second));
            return null;
        });
        tx(tenant, s -> {
            s.events().append(List.of(created(tenant), created(tenant)));
            return null;
        });
        List<StoredEvent> events = events(tenant, 0, 10);
        assertThat(events).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.get(0).event()).isEqualTo(first);
        assertThat(events.get(1).event()).isEqualTo(second);
        assertThat(events(tenant, 2, 1)).extracting(StoredEvent::position).containsExactly(3L);
        assertThat(events(tenant, 4, 10)).isEmpty();
    }

    @Test
    @DisplayName("one append of 3,000 events keeps each row's id, type, instant (far past and future) and payload")
    void events_largeAppend_keepsEveryColumn() throws Exception {
        TenantId tenant = newTenant();
        List<Instant> instants = List.of(
                Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("2025-06-01T12:00:00.123456789Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z"));
        List<CrmEvent> appended = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            appended.add(new CustomerUpdated(
                    new EventId(UUID.randomUUID()),
                    tenant,
                    instants.get(i % instants.size()),
                    new CustomerId(UUID.randomUUID()),
                    2,
                    List.of("quote \" back\\slash", "tab\tline\n", "é 👩‍💻 " + i)));
        }
        tx(tenant, s -> {
            s.events().append(appended);
            return null;
        });
        List<StoredEvent> events = events(tenant, 0, 5000);
        assertThat(events).extracting(StoredEvent::event).containsExactlyElementsOf(appended);
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT event_id, event_type, occurred_at FROM event_log WHERE tenant_id = ? ORDER BY position")) {
            storage.dialect().setUuid(ps, 1, tenant.value());
            try (ResultSet rows = ps.executeQuery()) {
                for (CrmEvent event : appended) {
                    assertThat(rows.next()).isTrue();
                    assertThat(storage.dialect().getUuid(rows, "event_id"))
                            .isEqualTo(event.id().value());
                    assertThat(rows.getString("event_type")).isEqualTo(event.type());
                    assertThat(storage.dialect().getInstant(rows, "occurred_at"))
                            .isEqualTo(event.occurredAt().truncatedTo(ChronoUnit.MICROS));
                }
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void events_ofARolledBackTransaction_neverAppear_andTakeNoPosition() {
        TenantId tenant = newTenant();
        CrmEvent lost = created(tenant);
        assertThatThrownBy(() -> tx(tenant, s -> {
                    s.events().append(List.of(lost));
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");
        dataSource.failNextCommits(1, "XX000"); // not retryable: fails at commit, after the flush
        assertThatThrownBy(() -> tx(tenant, s -> {
                    s.events().append(List.of(created(tenant)));
                    return null;
                }))
                .isInstanceOf(StorageException.class);
        CrmEvent kept = created(tenant);
        tx(tenant, s -> {
            s.events().append(List.of(kept));
            return null;
        });
        assertThat(events(tenant, 0, 10)).containsExactly(new StoredEvent(1, kept));
    }

    @Test
    @DisplayName("8 concurrent writers, a polling reader: every committed event seen once, contiguous, in order")
    void events_concurrentWriters_pollerMissesNothing() throws Exception {
        TenantId tenant = newTenant();
        int writers = 8;
        int transactionsPerWriter = 30;
        dataSource.delayCommits(3); // a random pause between the position bump and the commit
        Set<EventId> committed = ConcurrentHashMap.newKeySet();
        Set<EventId> rolledBack = ConcurrentHashMap.newKeySet();
        List<StoredEvent> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> readerError = new AtomicReference<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> reader = pool.submit(() -> {
                long last = 0;
                while (true) {
                    boolean finalPass = !writing.get();
                    long from = last;
                    List<StoredEvent> page = events(tenant, from, 7);
                    for (StoredEvent event : page) {
                        if (event.position() != last + 1) {
                            readerError.compareAndSet(null, "after " + last + " came " + event.position());
                        }
                        last = event.position();
                        seen.add(event);
                    }
                    if (page.isEmpty() && finalPass) {
                        return;
                    }
                }
            });
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    for (int t = 0; t < transactionsPerWriter; t++) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        List<CrmEvent> events = new ArrayList<>();
                        for (int e = random.nextInt(1, 4); e > 0; e--) {
                            events.add(created(tenant));
                        }
                        boolean rollback = random.nextInt(10) == 0;
                        try {
                            tx(tenant, s -> {
                                s.events().append(events);
                                // Vary how long each transaction stays open, so that commits
                                // finish out of the order in which the transactions began.
                                sleepMillis(random.nextInt(3));
                                if (rollback) {
                                    throw new IllegalStateException("roll back");
                                }
                                return null;
                            });
                            events.forEach(e -> committed.add(e.id()));
                        } catch (IllegalStateException expected) {
                            events.forEach(e -> rolledBack.add(e.id()));
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(readerError.get()).as("the poller saw a gap").isNull();
        List<EventId> seenIds = seen.stream().map(e -> e.event().id()).toList();
        assertThat(new HashSet<>(seenIds)).as("no event seen twice").hasSameSizeAs(seenIds);
        assertThat(new HashSet<>(seenIds)).isEqualTo(committed);
        assertThat(seenIds).doesNotContainAnyElementsOf(rolledBack);
        List<Long> positions = seen.stream().map(StoredEvent::position).toList();
        List<Long> contiguous = new ArrayList<>();
        for (long p = 1; p <= committed.size(); p++) {
            contiguous.add(p);
        }
        assertThat(positions).isEqualTo(contiguous);
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
