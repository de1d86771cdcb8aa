package dev.rapport.crm.jdbc;

import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ChannelConsent;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerCriteria.Comparison;
import dev.rapport.crm.query.CustomerSort;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Customers and criteria for tests: a full customer, seeded random customers and criteria trees
 * over them, and a plain Java evaluation of criteria that the SQL translation must agree with.
 */
final class TestData {

    static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456Z");

    /** Names chosen to trip collations: case, accents, supplementary characters, LIKE wildcards, spaces. */
    static final List<String> NAMES = List.of(
            "Ada Lovelace",
            "ada",
            "ADA",
            "Ádám",
            "Zoë",
            "émile",
            "\uD83D\uDE00 Smile",
            "\uFF46ullwidth",
            "100% Pure",
            "100 Pure",
            "under_score",
            "underXscore",
            "bang!",
            "back\\slash",
            "O'Brien",
            "İstanbul",
            "ab",
            "ab ",
            "ab\tc",
            "a b",
            "zed");

    static final Map<String, AttributeType> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("tier", AttributeType.TEXT);
        KEYS.put("visits", AttributeType.INTEGER);
        KEYS.put("balance", AttributeType.DECIMAL);
        KEYS.put("vip", AttributeType.BOOLEAN);
        KEYS.put("birthday", AttributeType.DATE);
        KEYS.put("last_seen", AttributeType.TIMESTAMP);
        KEYS.put("colour", AttributeType.CHOICE);
        KEYS.put("languages", AttributeType.TEXT_LIST);
    }

    static final List<String> TAGS = List.of("vip", "newsletter", "b2b", "late_payer", "100%");

    private TestData() {}

    static CustomerId newId() {
        return new CustomerId(UUID.randomUUID());
    }

    /** A customer with every field set, identities of every kind and every attribute type. */
    static Customer fullCustomer(CustomerId id, String email) {
        Map<String, AttributeValue> attributes = new TreeMap<>();
        attributes.put("tier", new AttributeValue.Text("gold \uD83D\uDE00 \"quoted\" \\ back"));
        attributes.put("visits", new AttributeValue.Int(Long.MAX_VALUE));
        attributes.put("balance", new AttributeValue.Decimal(new BigDecimal("-12345678901234567890.123456789")));
        attributes.put("vip", new AttributeValue.Bool(true));
        attributes.put("birthday", new AttributeValue.Date(LocalDate.of(1815, 12, 10)));
        attributes.put("last_seen", new AttributeValue.Timestamp(Instant.parse("2999-12-31T23:59:59.999999Z")));
        attributes.put("colour", new AttributeValue.Choice("green"));
        attributes.put("languages", new AttributeValue.TextList(List.of("en", "fr", "\u0001ctl")));
        Preferences preferences = new Preferences(
                Channel.EMAIL,
                "en-GB",
                ZoneId.of("Europe/London"),
                Map.of(
                        Channel.EMAIL, new ChannelConsent(true, T0, "signup-form"),
                        Channel.SMS, new ChannelConsent(false, T0.plusSeconds(60), "agent:42")));
        return new Customer(
                id,
                1,
                T0,
                T0.plus(1, ChronoUnit.MICROS),
                "Ada Lovelace",
                "Ada",
                "Lovelace",
                List.of(
                        Identity.email(email),
                        Identity.phone("+441632960" + Math.abs(id.value().hashCode() % 1000)),
                        Identity.social("x", "@ada_" + id.value().toString().substring(0, 8)),
                        Identity.external("legacy-crm", "L-" + id.value())),
                preferences,
                LifecycleStage.CUSTOMER,
                List.of("vip", "newsletter"),
                attributes);
    }

    /** A plain customer with one email identity. */
    static Customer simpleCustomer(CustomerId id, String name, String email, Instant createdAt) {
        return new Customer(
                id,
                1,
                createdAt,
                createdAt,
                name,
                null,
                null,
                List.of(Identity.email(email)),
                Preferences.NONE,
                LifecycleStage.LEAD,
                List.of(),
                Map.of());
    }

    static Customer next(Customer before, Instant at) {
        return new Customer(
                before.id(),
                before.version() + 1,
                before.createdAt(),
                at,
                before.displayName(),
                before.givenName(),
                before.familyName(),
                before.identities(),
                before.preferences(),
                before.stage(),
                before.tags(),
                before.attributes());
    }

    // --- random data ---

    static Customer randomCustomer(Random random, int index) {
        Map<String, AttributeValue> attributes = new TreeMap<>();
        for (Map.Entry<String, AttributeType> key : KEYS.entrySet()) {
            if (random.nextInt(10) < 7) {
                attributes.put(key.getKey(), randomValue(random, key.getValue()));
            }
        }
        List<String> tags = new ArrayList<>();
        for (String tag : TAGS) {
            if (random.nextInt(3) == 0) {
                tags.add(tag);
            }
        }
        // Few distinct instants, so that ties are broken by id.
        Instant createdAt = T0.plus(random.nextInt(12) * 1_000_001L, ChronoUnit.MICROS);
        return new Customer(
                new CustomerId(new UUID(random.nextLong(), random.nextLong())),
                1,
                createdAt,
                createdAt,
                NAMES.get(random.nextInt(NAMES.size())),
                null,
                null,
                List.of(Identity.email("c" + index + "@example.com")),
                Preferences.NONE,
                LifecycleStage.values()[random.nextInt(LifecycleStage.values().length)],
                tags,
                attributes);
    }

    static AttributeValue randomValue(Random random, AttributeType type) {
        return switch (type) {
            case TEXT ->
                new AttributeValue.Text(pick(
                        random,
                        "gold",
                        "Gold",
                        "silver",
                        "",
                        "a",
                        "ab",
                        "ab ",
                        "é",
                        "\uD83D\uDE00",
                        "\uFF46",
                        "z",
                        "100%",
                        "under_score"));
            case INTEGER ->
                new AttributeValue.Int(pick(random, 0L, 1L, -5L, 42L, 43L, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000L));
            case DECIMAL ->
                new AttributeValue.Decimal(new BigDecimal(pick(
                        random,
                        "0",
                        "1.5",
                        "1.50001",
                        "-2.25",
                        "1000000.000001",
                        "12345678901234567890.5",
                        "0.1",
                        "42")));
            case BOOLEAN -> new AttributeValue.Bool(random.nextBoolean());
            case DATE ->
                new AttributeValue.Date(LocalDate.parse(pick(
                        random, "2020-01-01", "1999-12-31", "2024-02-29", "9999-12-31", "1900-01-01", "2020-01-02")));
            case TIMESTAMP ->
                new AttributeValue.Timestamp(Instant.parse(pick(
                        random,
                        "2025-01-02T03:04:05Z",
                        "2025-01-02T03:04:05.123Z",
                        "2025-01-02T03:04:05.123456Z",
                        "2025-01-02T03:04:05.100Z",
                        "1970-01-01T00:00:00Z",
                        "2999-12-31T23:59:59.999999Z",
                        "2025-01-02T03:04:04.999999Z")));
            case CHOICE -> new AttributeValue.Choice(pick(random, "red", "green", "blue"));
            case TEXT_LIST ->
                new AttributeValue.TextList(pick(
                        random,
                        List.of(),
                        List.of("a"),
                        List.of("a", "b"),
                        List.of("b", "a"),
                        List.of("x", "\uD83D\uDE00")));
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    static CustomerCriteria randomCriteria(Random random, int depth) {
        int choice = random.nextInt(depth <= 0 ? 7 : 11);
        return switch (choice) {
            case 0 -> new CustomerCriteria.StageIn(randomStages(random));
            case 1 -> new CustomerCriteria.NamePrefix(randomPrefix(random));
            case 2 -> new CustomerCriteria.HasTag(pick(random, TAGS.toArray(String[]::new)));
            case 3 -> {
                Instant from = T0.plus(random.nextInt(13) * 1_000_001L - 1, ChronoUnit.MICROS);
                yield new CustomerCriteria.CreatedBetween(
                        from, from.plus(random.nextInt(4) * 1_000_001L, ChronoUnit.MICROS));
            }
            case 4, 5 -> randomAttributeCompare(random);
            case 6 ->
                random.nextBoolean()
                        ? new CustomerCriteria.AttributePresent(randomKey(random))
                        : randomAttributeIn(random);
            case 7 -> new CustomerCriteria.Not(randomCriteria(random, depth - 1));
            case 8 -> new CustomerCriteria.And(randomParts(random, depth));
            case 9 -> new CustomerCriteria.Or(randomParts(random, depth));
            default ->
                random.nextBoolean()
                        ? new CustomerCriteria.All()
                        : new CustomerCriteria.Not(randomAttributeCompare(random));
        };
    }

    private static List<CustomerCriteria> randomParts(Random random, int depth) {
        int size = random.nextInt(4);
        List<CustomerCriteria> parts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            parts.add(randomCriteria(random, depth - 1));
        }
        return parts;
    }

    private static Set<LifecycleStage> randomStages(Random random) {
        Set<LifecycleStage> stages = EnumSet.noneOf(LifecycleStage.class);
        for (LifecycleStage stage : LifecycleStage.values()) {
            if (random.nextInt(3) == 0) {
                stages.add(stage);
            }
        }
        return stages;
    }

    private static String randomPrefix(Random random) {
        String name = NAMES.get(random.nextInt(NAMES.size()));
        int length = Math.min(name.length(), random.nextInt(5));
        String prefix = name.substring(0, length);
        if (length > 0 && Character.isHighSurrogate(prefix.charAt(length - 1))) {
            prefix = prefix.substring(0, length - 1);
        }
        prefix = random.nextBoolean() ? prefix.toUpperCase(Locale.ROOT) : prefix;
        return random.nextInt(8) == 0 ? pick(random, "%", "_", "!", "100%", "under_", "\\") : prefix;
    }

    private static String randomKey(Random random) {
        return random.nextInt(10) == 0
                ? "missing_key"
                : pick(random, KEYS.keySet().toArray(String[]::new));
    }

    private static CustomerCriteria randomAttributeCompare(Random random) {
        String key = randomKey(random);
        AttributeType type = KEYS.getOrDefault(key, AttributeType.TEXT);
        AttributeValue value = randomValue(random, type);
        Comparison op;
        if (type == AttributeType.TEXT_LIST) {
            op = pick(random, Comparison.EQ, Comparison.NE, Comparison.CONTAINS, Comparison.CONTAINS);
            if (op == Comparison.CONTAINS) {
                value = new AttributeValue.Text(pick(random, "a", "b", "x", "\uD83D\uDE00", "zz"));
            }
        } else if (type.ordered()) {
            op = pick(random, Comparison.EQ, Comparison.NE, Comparison.LT, Comparison.LE, Comparison.GT, Comparison.GE);
        } else {
            op = pick(random, Comparison.EQ, Comparison.NE);
        }
        return new CustomerCriteria.AttributeCompare(key, op, value);
    }

    private static CustomerCriteria randomAttributeIn(Random random) {
        String key = randomKey(random);
        AttributeType type = KEYS.getOrDefault(key, AttributeType.TEXT);
        List<AttributeValue> values = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            values.add(randomValue(random, type));
        }
        return new CustomerCriteria.AttributeIn(key, values);
    }

    // --- the reference evaluation ---

    static boolean matches(CustomerCriteria criteria, Customer customer) {
        if (criteria instanceof CustomerCriteria.All) {
            return true;
        } else if (criteria instanceof CustomerCriteria.And and) {
            return and.parts().stream().allMatch(p -> matches(p, customer));
        } else if (criteria instanceof CustomerCriteria.Or or) {
            return or.parts().stream().anyMatch(p -> matches(p, customer));
        } else if (criteria instanceof CustomerCriteria.Not not) {
            return !matches(not.part(), customer);
        } else if (criteria instanceof CustomerCriteria.StageIn in) {
            return in.stages().contains(customer.stage());
        } else if (criteria instanceof CustomerCriteria.NamePrefix prefix) {
            return sortName(customer).startsWith(prefix.prefix().toLowerCase(Locale.ROOT));
        } else if (criteria instanceof CustomerCriteria.HasTag tag) {
            return customer.tags().contains(tag.tag());
        } else if (criteria instanceof CustomerCriteria.CreatedBetween between) {
            return !customer.createdAt().isBefore(between.from())
                    && customer.createdAt().isBefore(between.to());
        } else if (criteria instanceof CustomerCriteria.AttributePresent present) {
            return customer.attributes().containsKey(present.key());
        } else if (criteria instanceof CustomerCriteria.AttributeIn in) {
            return in.values().stream()
                    .anyMatch(v -> compare(customer.attributes().get(in.key()), Comparison.EQ, v));
        } else if (criteria instanceof CustomerCriteria.AttributeCompare compare) {
            return compare(customer.attributes().get(compare.key()), compare.op(), compare.value());
        }
        throw new IllegalArgumentException(criteria.toString());
    }

    private static boolean compare(AttributeValue stored, Comparison op, AttributeValue value) {
        if (stored == null) {
            return false;
        }
        if (op == Comparison.CONTAINS) {
            return stored instanceof AttributeValue.TextList list
                    && list.value().contains((String) value.raw());
        }
        if (stored.type() != value.type()) {
            return false;
        }
        int order =
                switch (stored.type()) {
                    case TEXT, CHOICE -> compareCodePoints((String) stored.raw(), (String) value.raw());
                    case INTEGER -> Long.compare((Long) stored.raw(), (Long) value.raw());
                    case DECIMAL -> ((BigDecimal) stored.raw()).compareTo((BigDecimal) value.raw());
                    case DATE -> ((LocalDate) stored.raw()).compareTo((LocalDate) value.raw());
                    case TIMESTAMP -> ((Instant) stored.raw()).compareTo((Instant) value.raw());
                    case BOOLEAN, TEXT_LIST -> stored.equals(value) ? 0 : 1;
                };
        return switch (op) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case CONTAINS -> throw new AssertionError();
        };
    }

    static String sortName(Customer customer) {
        return customer.displayName().toLowerCase(Locale.ROOT);
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    static Comparator<Customer> order(CustomerSort sort) {
        Comparator<Customer> first = sort == CustomerSort.CREATED
                ? Comparator.comparing(Customer::createdAt)
                : (x, y) -> compareCodePoints(sortName(x), sortName(y));
        return first.thenComparing(Customer::id);
    }
}
