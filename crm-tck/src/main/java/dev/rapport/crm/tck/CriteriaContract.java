package dev.rapport.crm.tck;

import static dev.rapport.crm.query.CustomerCriteria.and;
import static dev.rapport.crm.query.CustomerCriteria.attribute;
import static dev.rapport.crm.query.CustomerCriteria.createdBetween;
import static dev.rapport.crm.query.CustomerCriteria.hasTag;
import static dev.rapport.crm.query.CustomerCriteria.namePrefix;
import static dev.rapport.crm.query.CustomerCriteria.not;
import static dev.rapport.crm.query.CustomerCriteria.or;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.CustomerSort;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Criteria semantics: for seeded random customer sets and random criteria trees, {@code list} (all
 * pages, both orders) and {@code count} equal the kit's own reference evaluation ({@code
 * Reference}); named cases pin the subtle rules; invalid criteria are refused.
 *
 * <p>System properties: {@code rapport.tck.seed} pins the seed; {@code
 * rapport.tck.criteria.seeds} (default 2), {@code rapport.tck.criteria.customers} (default 60) and
 * {@code rapport.tck.criteria.queries} (default 120) size the run.
 *
 * @since 0.1
 */
public abstract class CriteriaContract extends ContractSupport {

    private void defineSchema() {
        Generators.SCHEMA.forEach(crm.attributes()::define);
    }

    /** Creates seeded customers, changes some after creation, and returns the live ones. */
    private List<Customer> seedCustomers(SplittableRandom r, int count) {
        Map<CustomerId, Customer> live = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            if (r.nextInt(4) != 0) {
                clock.advanceMicros(r.nextInt(0, 5000));
            }
            Customer c = crm.customers().create(Generators.newCustomer(r));
            live.put(c.id(), c);
        }
        List<CustomerId> ids = new ArrayList<>(live.keySet());
        for (CustomerId id : ids) {
            if (r.nextInt(4) != 0) {
                continue;
            }
            clock.advanceMicros(r.nextInt(1, 100));
            Customer changed =
                    switch (r.nextInt(7)) {
                        case 0 -> crm.customers().tag(id, Generators.pick(r, Generators.TAGS));
                        case 1 ->
                            crm.customers()
                                    .untag(
                                            id,
                                            live.get(id).tags().isEmpty()
                                                    ? "vip"
                                                    : live.get(id).tags().get(0));
                        case 2 -> {
                            AttributeDefinition d = Generators.pick(r, Generators.SCHEMA);
                            yield crm.customers().setAttributes(id, Map.of(d.key(), Generators.value(r, d.type())));
                        }
                        case 3 ->
                            crm.customers()
                                    .clearAttributes(
                                            id,
                                            Generators.pick(r, Generators.SCHEMA)
                                                    .key());
                        case 4 -> crm.customers().changeStage(id, Generators.pick(r, List.of(LifecycleStage.values())));
                        case 5 ->
                            crm.customers()
                                    .update(
                                            id,
                                            live.get(id).version(),
                                            CustomerPatch.builder()
                                                    .displayName(Generators.name(r))
                                                    .build());
                        default -> {
                            crm.customers().delete(id);
                            yield null;
                        }
                    };
            if (changed == null) {
                live.remove(id);
            } else {
                live.put(id, changed);
            }
        }
        return new ArrayList<>(live.values());
    }

    private void assertMatches(CustomerCriteria criteria, List<Customer> customers, CustomerSort sort, int limit) {
        Map<String, AttributeDefinition> defs = Generators.schemaByKey();
        List<Customer> expected = customers.stream()
                .filter(c -> Reference.matches(criteria, c, defs))
                .sorted(Reference.order(sort))
                .toList();
        assertThat(crm.customers().count(criteria)).as("count of %s", criteria).isEqualTo(expected.size());
        assertThat(listAll(crm, CustomerQuery.where(criteria).sortedBy(sort).limit(limit)))
                .as("list of %s by %s, %d a page", criteria, sort, limit)
                .containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("for random customers and random criteria trees, list and count equal the reference evaluation")
    void criteria_equalReferenceEvaluation() {
        long[] seeds = Seeds.seeds(2, "rapport.tck.criteria.seeds");
        int customers = Seeds.intProperty("rapport.tck.criteria.customers", 60);
        int queries = Seeds.intProperty("rapport.tck.criteria.queries", 120);
        for (long seed : seeds) {
            Seeds.run(seed, r -> {
                crm = crm.forTenant(newTenant());
                defineSchema();
                List<Customer> seeded = seedCustomers(r, customers);
                assertMatches(CustomerCriteria.all(), seeded, CustomerSort.CREATED, 1000);
                for (int q = 0; q < queries; q++) {
                    CustomerCriteria criteria = Generators.criteria(r, seeded, 3);
                    CustomerSort sort = r.nextBoolean() ? CustomerSort.CREATED : CustomerSort.NAME;
                    int limit = r.nextInt(4) == 0 ? 1000 : r.nextInt(1, 25);
                    assertMatches(criteria, seeded, sort, limit);
                }
            });
        }
    }

    @Nested
    @DisplayName("named cases")
    class NamedCases {
        private List<Customer> made;

        private Customer make(NewCustomer c) {
            clock.advanceMicros(10);
            Customer created = crm.customers().create(c);
            made.add(created);
            return created;
        }

        private void assertSelects(CustomerCriteria criteria, Predicate<Customer> expected) {
            for (CustomerSort sort : CustomerSort.values()) {
                assertMatches(criteria, made, sort, 2);
            }
            assertThat(listAll(crm, CustomerQuery.where(criteria)))
                    .containsExactlyElementsOf(made.stream().filter(expected).toList());
        }

        private void setUp() {
            made = new ArrayList<>();
            defineSchema();
        }

        @Test
        @DisplayName("NOT of a comparison matches customers without the attribute; NE needs the attribute")
        void not_matchesCustomersWithoutTheAttribute() {
            setUp();
            Customer gold = make(NewCustomer.named("G").attribute("tier", "gold"));
            Customer silver = make(NewCustomer.named("S").attribute("tier", "silver"));
            Customer none = make(NewCustomer.named("N"));
            assertSelects(not(attribute("tier").eq("gold")), c -> c != gold);
            assertSelects(attribute("tier").ne("gold"), c -> c == silver);
            assertSelects(not(attribute("tier").present()), c -> c == none);
            assertSelects(not(attribute("visits").lt(5)), c -> true);
            assertSelects(not(not(attribute("tier").in("gold", "silver"))), c -> c != none);
        }

        @Test
        @DisplayName("decimals compare by value (1.5 = 1.50), integer query values against decimals too")
        void decimals_compareByValue() {
            setUp();
            Customer a = make(NewCustomer.named("A").attribute("score", new BigDecimal("1.50")));
            Customer b = make(NewCustomer.named("B").attribute("score", 2));
            Customer c = make(NewCustomer.named("C").attribute("score", new BigDecimal("-0.5")));
            assertSelects(attribute("score").eq(new BigDecimal("1.5")), x -> x == a);
            assertSelects(attribute("score").eq(2), x -> x == b);
            assertSelects(attribute("score").lt(0), x -> x == c);
            assertSelects(attribute("score").between(new BigDecimal("1.5"), 2L), x -> x == a || x == b);
            assertSelects(attribute("score").in(2, new BigDecimal("1.500")), x -> x == a || x == b);
        }

        @Test
        @DisplayName("name prefixes ignore case and treat % and _ as plain characters")
        void namePrefix_ignoresCaseAndEscapesWildcards() {
            setUp();
            Customer pure = make(NewCustomer.named("100% Pure_Co"));
            Customer plain = make(NewCustomer.named("100 Pure Co"));
            Customer ab = make(NewCustomer.named("a_b"));
            Customer axb = make(NewCustomer.named("aXb"));
            Customer sharp = make(NewCustomer.named("Straße"));
            assertSelects(namePrefix("100%"), x -> x == pure);
            assertSelects(namePrefix("100"), x -> x == pure || x == plain);
            assertSelects(namePrefix("A_"), x -> x == ab);
            assertSelects(namePrefix("AX"), x -> x == axb);
            assertSelects(namePrefix("STRASSE"), x -> false);
            assertSelects(namePrefix("STRAß"), x -> x == sharp);
            assertSelects(namePrefix(""), x -> true);
        }

        @Test
        @DisplayName("text compares by code point and case; lists match by membership")
        void text_comparesByCodePointAndCase() {
            setUp();
            Customer upper =
                    make(NewCustomer.named("U").attribute("note", "Zebra").attribute("langs", List.of("en")));
            Customer lower =
                    make(NewCustomer.named("L").attribute("note", "zebra").attribute("langs", List.of("EN")));
            Customer wide = make(NewCustomer.named("W").attribute("note", "\uFF21"));
            Customer astral = make(NewCustomer.named("A").attribute("note", "\uD83D\uDE00"));
            assertSelects(attribute("note").eq("zebra"), x -> x == lower);
            assertSelects(attribute("note").lt("a"), x -> x == upper);
            assertSelects(attribute("note").gt("\uFF21"), x -> x == astral);
            assertSelects(attribute("note").le("\uFF21"), x -> x != astral);
            assertSelects(attribute("langs").contains("en"), x -> x == upper);
            assertThat(wide).isNotNull();
        }

        @Test
        @DisplayName("createdBetween includes its start and excludes its end")
        void createdBetween_isHalfOpen() {
            setUp();
            Customer a = make(NewCustomer.named("A"));
            Customer b = make(NewCustomer.named("B"));
            Customer c = make(NewCustomer.named("C"));
            assertSelects(createdBetween(a.createdAt(), c.createdAt()), x -> x == a || x == b);
            assertSelects(createdBetween(b.createdAt(), b.createdAt()), x -> false);
            assertSelects(createdBetween(b.createdAt(), b.createdAt().plusNanos(1000)), x -> x == b);
            assertSelects(createdBetween(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z")), x -> true);
        }

        @Test
        @DisplayName("empty AND matches all; empty OR, empty stage set and empty IN match none")
        void emptyParts_haveTheirIdentity() {
            setUp();
            make(NewCustomer.named("A").attribute("vip", true).tags("VIP"));
            make(NewCustomer.named("B"));
            assertSelects(and(), x -> true);
            assertSelects(or(), x -> false);
            assertSelects(new CustomerCriteria.StageIn(EnumSet.noneOf(LifecycleStage.class)), x -> false);
            assertSelects(attribute("vip").in(), x -> false);
            assertSelects(not(attribute("vip").in()), x -> true);
            assertSelects(hasTag("  VIP "), x -> x.displayName().equals("A"));
            assertSelects(attribute("vip").eq(new AttributeValue.Bool(true)), x -> x.displayName()
                    .equals("A"));
        }
    }

    @Nested
    @DisplayName("invalid criteria")
    class Invalid {
        @Test
        @DisplayName(
                "unknown attributes, orderings on unordered types, contains on text and ill-typed values are refused")
        void invalidCriteria_areRefused() {
            defineSchema();
            List<CustomerCriteria> bad = List.of(
                    attribute("nope").eq(1),
                    attribute("nope").present(),
                    attribute("nope").in(1),
                    attribute("vip").lt(true),
                    attribute("tier").gt("gold"),
                    attribute("note").contains("x"),
                    attribute("langs").eq("en"),
                    attribute("langs").in("en"),
                    attribute("visits").eq("many"),
                    attribute("since").ge(Instant.EPOCH),
                    hasTag("#nope"),
                    and(CustomerCriteria.all(), or(attribute("vip").gt(false))));
            for (CustomerCriteria c : bad) {
                ValidationException counted =
                        thrown(ValidationException.class, () -> crm.customers().count(c));
                assertThat(paths(counted)).as("%s", c).isNotEmpty().allMatch(p -> p.startsWith("criteria"));
                thrown(ValidationException.class, () -> crm.customers().list(CustomerQuery.where(c)));
            }
        }

        @Test
        @DisplayName("every invalid leaf of one tree is reported")
        void invalidCriteria_reportEveryLeaf() {
            defineSchema();
            ValidationException e = thrown(ValidationException.class, () -> crm.customers()
                    .count(and(
                            attribute("nope").eq(1),
                            or(attribute("vip").lt(true), attribute("note").contains("x")))));
            assertThat(e.violations()).hasSize(3);
        }
    }
}
