package dev.rapport.crm.tck;

import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerCriteria.AttributeCompare;
import dev.rapport.crm.query.CustomerCriteria.AttributeIn;
import dev.rapport.crm.query.CustomerCriteria.AttributePresent;
import dev.rapport.crm.query.CustomerCriteria.Comparison;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Hand-written seeded generators: a schema with one attribute of every type, customers with
 * non-ASCII names, tags and attributes (some missing), and criteria trees over every leaf type.
 */
final class Generators {
    private Generators() {}

    /** One attribute of every type, with constraints. */
    static final List<AttributeDefinition> SCHEMA = List.of(
            AttributeDefinition.of("note", AttributeType.TEXT).withMaxLength(40),
            AttributeDefinition.of("visits", AttributeType.INTEGER)
                    .withRange(BigDecimal.ZERO, BigDecimal.valueOf(100_000)),
            AttributeDefinition.of("score", AttributeType.DECIMAL)
                    .withRange(new BigDecimal("-1000"), new BigDecimal("1000")),
            AttributeDefinition.of("vip", AttributeType.BOOLEAN),
            AttributeDefinition.of("since", AttributeType.DATE),
            AttributeDefinition.of("seen", AttributeType.TIMESTAMP),
            AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("bronze", "silver", "gold"),
            AttributeDefinition.of("langs", AttributeType.TEXT_LIST).withMaxLength(10));

    static Map<String, AttributeDefinition> schemaByKey() {
        Map<String, AttributeDefinition> m = new LinkedHashMap<>();
        SCHEMA.forEach(d -> m.put(d.key(), d));
        return m;
    }

    /**
     * Names that tell orders apart: case variants, accents, a dotted capital I, sharp s, characters
     * above the surrogates ({@code U+FF21}) and outside the BMP (which UTF-16 order puts before
     * them), and the LIKE wildcards {@code %} and {@code _}.
     */
    static final List<String> NAMES = List.of(
            "Ada",
            "ada",
            "ADA",
            "Åsa",
            "Émile",
            "émile",
            "Zoë",
            "zoe",
            "Ωmega",
            "Łukasz",
            "Straße",
            "İlker",
            "\uD835\uDD18nicode",
            "\uD83D\uDE00 Smile",
            "\uFF21lpha",
            "100% Pure_Co",
            "100 Pure Co",
            "a_b",
            "aXb",
            "O'Brien",
            "Zed",
            "zed");

    static final List<String> TAGS = List.of("vip", "newsletter", "b2b", "churn-risk", "été", "año");

    static final List<String> TEXTS =
            List.of("alpha", "Alpha", "beta", "ärger", "zebra", "Zebra", "\uD83D\uDE00", "\uFF21bc", "", "a%", "a_");

    static final List<String> SCORES = List.of("1.5", "1.50", "-3.25", "0", "999.999", "10", "-1000", "0.000001");

    static final List<LocalDate> DATES = List.of(
            LocalDate.of(1, 1, 1),
            LocalDate.of(1969, 12, 31),
            LocalDate.of(2024, 2, 29),
            LocalDate.of(2026, 3, 14),
            LocalDate.of(9999, 12, 31));

    static final List<Instant> INSTANTS = List.of(
            Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("2026-03-14T09:26:53.589793Z"),
            Instant.parse("2026-03-14T09:26:53.589794Z"),
            Instant.parse("2000-01-01T00:00:00.000001Z"),
            Instant.parse("9999-12-31T23:59:59.999999Z"),
            Instant.parse("0001-01-01T00:00:00Z"));

    static final List<String> CHOICES = List.of("bronze", "silver", "gold");

    static final List<String> LANGS = List.of("en", "fr", "de", "EN", "pt-BR");

    static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    static String name(SplittableRandom r) {
        String base = pick(r, NAMES);
        return r.nextInt(3) == 0 ? base + " " + r.nextInt(100) : base;
    }

    /** A plain Java value that fits the definition's type and constraints. */
    static Object value(SplittableRandom r, AttributeType type) {
        return switch (type) {
            case TEXT -> pick(r, TEXTS);
            case INTEGER ->
                r.nextInt(4) == 0
                        ? (Object) Long.valueOf(r.nextBoolean() ? 0 : 100_000)
                        : (Object) Integer.valueOf(r.nextInt(50));
            case DECIMAL -> r.nextInt(4) == 0 ? Integer.valueOf(r.nextInt(-5, 5)) : new BigDecimal(pick(r, SCORES));
            case BOOLEAN -> r.nextBoolean();
            case DATE -> r.nextInt(4) == 0 ? pick(r, DATES).toString() : pick(r, DATES);
            case TIMESTAMP -> pick(r, INSTANTS).plusNanos(r.nextInt(3) == 0 ? r.nextInt(1000) : 0);
            case CHOICE -> pick(r, CHOICES);
            case TEXT_LIST -> {
                List<String> l = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    l.add(pick(r, LANGS));
                }
                yield l;
            }
        };
    }

    /** A random valid command with names, tags, stage and some attributes. */
    static NewCustomer newCustomer(SplittableRandom r) {
        NewCustomer c = NewCustomer.named(name(r)).stage(pick(r, List.of(LifecycleStage.values())));
        int tags = r.nextInt(4);
        for (int i = 0; i < tags; i++) {
            c = c.tags(pick(r, TAGS));
        }
        for (AttributeDefinition d : SCHEMA) {
            if (r.nextInt(10) < 6) {
                c = c.attribute(d.key(), value(r, d.type()));
            }
        }
        return c;
    }

    /** A random criteria tree over every leaf type, with values drawn from the seeded customers. */
    static CustomerCriteria criteria(SplittableRandom r, List<Customer> seeded, int depth) {
        int kind = r.nextInt(depth <= 0 ? 7 : 10);
        return switch (kind) {
            case 0 -> leafAttribute(r, seeded);
            case 1 -> leafAttribute(r, seeded);
            case 2 -> leafAttribute(r, seeded);
            case 3 -> stageIn(r);
            case 4 -> namePrefix(r, seeded);
            case 5 -> CustomerCriteria.hasTag(tagQuery(r));
            case 6 -> createdBetween(r, seeded);
            case 7 -> CustomerCriteria.not(criteria(r, seeded, depth - 1));
            case 8 -> new CustomerCriteria.And(parts(r, seeded, depth));
            default -> new CustomerCriteria.Or(parts(r, seeded, depth));
        };
    }

    private static List<CustomerCriteria> parts(SplittableRandom r, List<Customer> seeded, int depth) {
        int n = r.nextInt(4);
        List<CustomerCriteria> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(criteria(r, seeded, depth - 1));
        }
        return parts;
    }

    private static CustomerCriteria stageIn(SplittableRandom r) {
        EnumSet<LifecycleStage> stages = EnumSet.noneOf(LifecycleStage.class);
        for (LifecycleStage s : LifecycleStage.values()) {
            if (r.nextInt(3) == 0) {
                stages.add(s);
            }
        }
        return new CustomerCriteria.StageIn(stages);
    }

    private static CustomerCriteria namePrefix(SplittableRandom r, List<Customer> seeded) {
        String source = seeded.isEmpty() || r.nextInt(5) == 0
                ? pick(r, NAMES)
                : pick(r, seeded).displayName();
        int codePoints = source.codePointCount(0, source.length());
        int take = r.nextInt(Math.min(codePoints, 5) + 1);
        String prefix = source.substring(0, source.offsetByCodePoints(0, take));
        return CustomerCriteria.namePrefix(
                switch (r.nextInt(3)) {
                    case 0 -> prefix.toUpperCase(Locale.ROOT);
                    case 1 -> prefix.toLowerCase(Locale.ROOT);
                    default -> prefix;
                });
    }

    private static String tagQuery(SplittableRandom r) {
        String tag = r.nextInt(8) == 0 ? "unused" : pick(r, TAGS);
        return switch (r.nextInt(3)) {
            case 0 -> "  " + tag.toUpperCase(Locale.ROOT) + " ";
            default -> tag;
        };
    }

    private static CustomerCriteria createdBetween(SplittableRandom r, List<Customer> seeded) {
        if (seeded.isEmpty()) {
            Instant from = ContractSupport.START
                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                    .plusNanos(1000L * r.nextLong(0, 150_000));
            return CustomerCriteria.createdBetween(from, from.plusNanos(1000L * r.nextLong(0, 100_000)));
        }
        Instant a = pick(r, seeded).createdAt();
        Instant b = pick(r, seeded).createdAt();
        if (b.isBefore(a)) {
            Instant t = a;
            a = b;
            b = t;
        }
        a = a.plusNanos(1000L * (r.nextInt(3) - 1));
        b = b.plusNanos(1000L * (r.nextInt(3) - 1));
        return CustomerCriteria.createdBetween(a, b);
    }

    private static CustomerCriteria leafAttribute(SplittableRandom r, List<Customer> seeded) {
        AttributeDefinition d = pick(r, SCHEMA);
        if (r.nextInt(8) == 0) {
            return new AttributePresent(d.key());
        }
        if (d.type() == AttributeType.TEXT_LIST) {
            return CustomerCriteria.attribute(d.key()).contains(pick(r, LANGS));
        }
        if (r.nextInt(5) == 0) {
            int n = r.nextInt(4);
            List<AttributeValue> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(queryValue(r, d, seeded));
            }
            return new AttributeIn(d.key(), values);
        }
        Set<Comparison> ops = d.type().ordered()
                ? EnumSet.of(Comparison.EQ, Comparison.NE, Comparison.LT, Comparison.LE, Comparison.GT, Comparison.GE)
                : EnumSet.of(Comparison.EQ, Comparison.NE);
        Comparison op = pick(r, new ArrayList<>(ops));
        return new AttributeCompare(d.key(), op, queryValue(r, d, seeded));
    }

    /** A query value: mostly one a seeded customer holds, else a fresh one; typed as a user would. */
    private static AttributeValue queryValue(SplittableRandom r, AttributeDefinition d, List<Customer> seeded) {
        if (!seeded.isEmpty() && r.nextInt(3) != 0) {
            Customer c = pick(r, seeded);
            AttributeValue held = c.attributes().get(d.key());
            if (held != null) {
                // as a user writes it: a choice as text
                if (held instanceof AttributeValue.Choice ch) {
                    return new AttributeValue.Text(ch.value());
                }
                return held;
            }
        }
        Object v = value(r, d.type());
        return switch (d.type()) {
            case TEXT, CHOICE -> new AttributeValue.Text((String) v);
            case INTEGER -> new AttributeValue.Int(((Number) v).longValue());
            case DECIMAL ->
                v instanceof BigDecimal bd
                        ? new AttributeValue.Decimal(bd)
                        : new AttributeValue.Int(((Number) v).longValue());
            case BOOLEAN -> new AttributeValue.Bool((Boolean) v);
            case DATE -> new AttributeValue.Date(v instanceof LocalDate ld ? ld : LocalDate.parse((String) v));
            case TIMESTAMP -> new AttributeValue.Timestamp((Instant) v);
            case TEXT_LIST -> throw new IllegalArgumentException("text lists are queried with contains");
        };
    }
}
