package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.query.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyset paging: both orders visit every row exactly once in the documented order, cursors are
 * opaque and checked, limits are bounded, and a listing stays exact while rows are inserted.
 *
 * <p>The order test draws its customers from a seed ({@code -Drapport.tck.seed} pins it).
 *
 * @since 0.1
 */
public abstract class PagingContract extends ContractSupport {

    /** Creates customers with names that tell orders apart, some created at the same instant. */
    private List<Customer> seed(int count, long seedValue) {
        SplittableRandom r = new SplittableRandom(seedValue);
        List<Customer> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (r.nextInt(3) != 0) {
                clock.advanceMicros(r.nextInt(1, 2000));
            }
            made.add(crm.customers().create(NewCustomer.named(Generators.name(r))));
        }
        return made;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CustomerSort.class)
    @DisplayName("every row is visited exactly once in the documented order, for every page size")
    void list_visitsEveryRowOnceInOrder(CustomerSort sort) {
        long seedValue = Seeds.seeds(1, "rapport.tck.paging.seeds")[0];
        Seeds.run(seedValue, r -> {
            List<Customer> all = seed(45, seedValue);
            List<Customer> expected = all.stream().sorted(Reference.order(sort)).toList();
            for (int limit : List.of(1, 2, 7, 44, 45, 46, CustomerQuery.MAX_LIMIT)) {
                List<Customer> seen =
                        listAll(crm, CustomerQuery.all().sortedBy(sort).limit(limit));
                assertThat(seen).as("limit %d", limit).containsExactlyElementsOf(expected);
            }
        });
    }

    @Test
    @DisplayName("NAME order: lower-cased with Locale.ROOT, by code point (not UTF-16 unit), then by id")
    void list_byName_ordersByCodePointThenId() {
        List<Customer> made = new ArrayList<>();
        for (String name : List.of("\uFF21bc", "\uD835\uDD18nicode", "b", "B", "a", "A", "É", "e", "Zz", "z_", "z%")) {
            made.add(crm.customers().create(NewCustomer.named(name)));
        }
        List<String> names = listAll(
                        crm, CustomerQuery.all().sortedBy(CustomerSort.NAME).limit(3))
                .stream()
                .map(Customer::displayName)
                .toList();
        // a and A tie on the lower-cased name and are then ordered by id
        List<Customer> expected = made.stream().sorted(Reference.NAME_ORDER).toList();
        assertThat(names)
                .containsExactlyElementsOf(
                        expected.stream().map(Customer::displayName).toList());
        assertThat(names.indexOf("\uFF21bc"))
                .as("U+FF21 sorts before U+1D518 by code point, after it by UTF-16 unit")
                .isLessThan(names.indexOf("\uD835\uDD18nicode"));
        assertThat(names.subList(0, 2)).containsExactlyInAnyOrder("a", "A");
    }

    @Test
    @DisplayName("CREATED order: oldest first, ties on the same instant broken by id (unsigned UUID order)")
    void list_byCreated_ordersByInstantThenId() {
        List<Customer> made = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            if (i % 4 == 0) {
                clock.advanceMicros(1);
            }
            made.add(crm.customers().create(NewCustomer.named("c" + i)));
        }
        List<Customer> expected = made.stream().sorted(Reference.CREATED_ORDER).toList();
        assertThat(listAll(crm, CustomerQuery.all().limit(5))).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("filtered pages carry on past rows that do not match")
    void list_withCriteria_pagesOverMatchesOnly() {
        List<Customer> made = seed(30, 7);
        List<Customer> evens = new ArrayList<>();
        for (int i = 0; i < made.size(); i++) {
            if (i % 2 == 0) {
                evens.add(crm.customers().tag(made.get(i).id(), "even"));
            }
        }
        for (CustomerSort sort : CustomerSort.values()) {
            assertThat(listAll(
                            crm,
                            CustomerQuery.where(CustomerCriteria.hasTag("even"))
                                    .sortedBy(sort)
                                    .limit(4)))
                    .containsExactlyElementsOf(
                            evens.stream().sorted(Reference.order(sort)).toList());
        }
    }

    @Test
    @DisplayName("the last page has no cursor; an empty tenant gives one empty page")
    void list_lastPageHasNoCursor() {
        Page<Customer> empty = crm.customers().list(CustomerQuery.all());
        assertThat(empty.items()).isEmpty();
        assertThat(empty.hasNext()).isFalse();
        seed(3, 1);
        Page<Customer> exact = crm.customers().list(CustomerQuery.all().limit(3));
        assertThat(exact.items()).hasSize(3);
        assertThat(exact.next()).isEmpty();
        Page<Customer> first = crm.customers().list(CustomerQuery.all().limit(2));
        assertThat(first.next()).isPresent();
    }

    @Test
    @DisplayName("page size must be 1 to 1000")
    void list_rejectsLimitOutOfBounds() {
        for (int bad : List.of(0, -1, CustomerQuery.MAX_LIMIT + 1)) {
            ValidationException e = thrown(ValidationException.class, () -> crm.customers()
                    .list(CustomerQuery.all().limit(bad)));
            assertThat(paths(e)).containsExactly("limit");
        }
    }

    @Test
    @DisplayName("a malformed cursor, or one from the other order, is refused on 'cursor'")
    void list_rejectsMalformedOrForeignCursor() {
        seed(5, 3);
        String created = crm.customers().list(CustomerQuery.all().limit(2)).nextCursor();
        String byName = crm.customers()
                .list(CustomerQuery.all().sortedBy(CustomerSort.NAME).limit(2))
                .nextCursor();
        assertThat(created).isNotNull();
        assertThat(byName).isNotNull();
        String id = CustomerId.of(java.util.UUID.randomUUID()).toString();
        List<String> forged = new ArrayList<>();
        for (String plain :
                List.of("1|C|x|2|" + id, "2|C|1|2|" + id, "1|Q|1|2|" + id, "1|C|1|-5|" + id, "1|C|1|2|nope")) {
            forged.add(Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> bads = new ArrayList<>(List.of("", "not a cursor", "%%%", "AAAA", "x".repeat(5000)));
        bads.addAll(forged);
        for (String bad : bads) {
            ValidationException e = thrown(ValidationException.class, () -> crm.customers()
                    .list(CustomerQuery.all().after(bad)));
            assertThat(paths(e)).as("cursor %s", bad).containsExactly("cursor");
        }
        ValidationException foreign = thrown(ValidationException.class, () -> crm.customers()
                .list(CustomerQuery.all().sortedBy(CustomerSort.CREATED).after(byName)));
        assertThat(paths(foreign)).containsExactly("cursor");
        ValidationException foreign2 = thrown(ValidationException.class, () -> crm.customers()
                .list(CustomerQuery.all().sortedBy(CustomerSort.NAME).after(created)));
        assertThat(paths(foreign2)).containsExactly("cursor");
    }

    @Test
    @DisplayName("a cursor stays valid after its row is deleted: the listing resumes after that position")
    void list_cursorSurvivesDeletionOfItsRow() {
        List<Customer> made = seed(10, 11);
        for (CustomerSort sort : CustomerSort.values()) {
            List<Customer> expected =
                    made.stream().sorted(Reference.order(sort)).toList();
            Page<Customer> first =
                    crm.customers().list(CustomerQuery.all().sortedBy(sort).limit(4));
            assertThat(first.items()).containsExactlyElementsOf(expected.subList(0, 4));
            Customer last = first.items().get(3);
            crm.customers().delete(last.id());
            List<Customer> rest =
                    listAll(crm, CustomerQuery.all().sortedBy(sort).limit(4).after(first.nextCursor()));
            assertThat(rest).containsExactlyElementsOf(expected.subList(4, expected.size()));
            made.remove(last);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CustomerSort.class)
    @DisplayName(
            "rows inserted between pages, before and after the cursor, never make a page repeat or skip an old row")
    void page_isStableUnderInsertsBetweenPages(CustomerSort sort) {
        SplittableRandom r = new SplittableRandom(99);
        List<Customer> before = seed(30, 5);
        List<Customer> seen = new ArrayList<>();
        List<Customer> inserted = new ArrayList<>();
        CustomerQuery q = CustomerQuery.all().sortedBy(sort).limit(4);
        while (true) {
            Page<Customer> page = crm.customers().list(q);
            seen.addAll(page.items());
            for (int i = 0; i < 3; i++) {
                clock.advanceMicros(r.nextInt(0, 3));
                inserted.add(crm.customers().create(NewCustomer.named(Generators.name(r))));
            }
            if (!page.hasNext()) {
                break;
            }
            q = q.after(page.nextCursor());
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(Reference.order(sort));
        assertThat(seen).containsAll(before);
        Set<CustomerId> known = new HashSet<>();
        before.forEach(c -> known.add(c.id()));
        inserted.forEach(c -> known.add(c.id()));
        assertThat(seen).allSatisfy(c -> assertThat(known).contains(c.id()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CustomerSort.class)
    @DisplayName(
            "page_isStableUnderConcurrentInserts: while another thread inserts, no row is seen twice and no old row is skipped")
    void page_isStableUnderConcurrentInserts(CustomerSort sort) throws Exception {
        List<Customer> before = seed(40, 13);
        // Another thread inserts between every two pages: the pages interleave with commits.
        SynchronousQueue<Boolean> turn = new SynchronousQueue<>();
        SynchronousQueue<Customer> inserted = new SynchronousQueue<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> {
                SplittableRandom r = new SplittableRandom(17);
                while (turn.take()) {
                    clock.advanceMicros(r.nextInt(0, 2));
                    inserted.put(crm.customers().create(NewCustomer.named(Generators.name(r))));
                }
                return null;
            });
            for (int round = 0; round < 3; round++) {
                List<Customer> seen = new ArrayList<>();
                List<Customer> insertedMeanwhile = new ArrayList<>();
                CustomerQuery query = CustomerQuery.all().sortedBy(sort).limit(5);
                while (true) {
                    Page<Customer> page = crm.customers().list(query);
                    seen.addAll(page.items());
                    if (!page.hasNext()) {
                        break;
                    }
                    assertThat(turn.offer(true, 60, TimeUnit.SECONDS))
                            .as("inserter takes its turn")
                            .isTrue();
                    insertedMeanwhile.add(inserted.poll(60, TimeUnit.SECONDS));
                    query = query.after(page.nextCursor());
                }
                assertThat(insertedMeanwhile).as("rows inserted between pages").hasSizeGreaterThanOrEqualTo(8);
                assertThat(seen).doesNotHaveDuplicates();
                assertThat(seen).isSortedAccordingTo(Reference.order(sort));
                assertThat(seen).containsAll(before);
            }
        } finally {
            turn.offer(false, 10, TimeUnit.SECONDS);
            pool.shutdownNow();
        }
    }
}
