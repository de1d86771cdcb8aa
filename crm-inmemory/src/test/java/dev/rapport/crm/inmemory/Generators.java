package dev.rapport.crm.inmemory;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerCriteria.Comparison;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Seeded random customers and criteria trees. */
final class Generators {
    /** Name parts chosen to stress lower-casing and code point order (beyond the BMP, U+E000..U+FFFF). */
    static final List<String> NAME_PARTS = List.of(
            "ada",
            "Ada",
            "ADAM",
            "ab",
            "a",
            "Zoë",
            "zoe",
            "ÅSA",
            "Ωmega",
            "İstanbul",
            "straße",
            "\uFF5Ehalfwidth",
            "\uE000private",
            "😀smile",
            "😀",
            "𝒜lpha",
            "𝒜",
            "ﬀ",
            "Ǆemal",
            "bob");

    static final List<String> TAGS = List.of("vip", "new", "churn-risk", "b2b");
    static final List<String> TEXTS = List.of("gold", "Gold", "silver", "😀", "\uFF5E", "", "zz", "gold-plus");

    private final Random random;

    Generators(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    String name() {
        StringBuilder name = new StringBuilder(pick(NAME_PARTS));
        if (random.nextBoolean()) {
            name.append(random.nextBoolean() ? " " : "").append(pick(NAME_PARTS));
        }
        if (random.nextInt(4) == 0) {
            name.append(' ').append(random.nextInt(5));
        }
        return name.toString();
    }

    Instant createdAt() {
        // Few distinct instants, so the id decides many ties.
        return Fixtures.T0.plusSeconds(random.nextInt(40));
    }

    Customer customer(int serial) {
        List<String> tags = new ArrayList<>();
        for (String tag : TAGS) {
            if (random.nextInt(3) == 0) {
                tags.add(tag);
            }
        }
        return Fixtures.customer(
                Fixtures.customerId(random),
                createdAt(),
                name(),
                List.of(Identity.email("c" + serial + "@example.com")),
                pick(List.of(LifecycleStage.values())),
                tags,
                attributes());
    }

    Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> attributes = new HashMap<>();
        for (String key : List.of("tier", "score", "ratio", "active", "birthday", "seen", "labels")) {
            if (random.nextInt(10) < 6) {
                // One in ten values has another type, as after a definition's type changed.
                attributes.put(
                        key, random.nextInt(10) == 0 ? value(pick(List.of("tier", "score", "labels"))) : value(key));
            }
        }
        return attributes;
    }

    AttributeValue value(String key) {
        switch (key) {
            case "tier":
                return new AttributeValue.Text(pick(TEXTS));
            case "score":
                return new AttributeValue.Int(
                        random.nextInt(7) - 3 + (random.nextInt(20) == 0 ? Long.MIN_VALUE / 2 : 0));
            case "ratio":
                return new AttributeValue.Decimal(
                        new BigDecimal(random.nextInt(21) - 10).movePointLeft(random.nextInt(3)));
            case "active":
                return new AttributeValue.Bool(random.nextBoolean());
            case "birthday":
                return new AttributeValue.Date(LocalDate.of(1990, 1, 1).plusDays(random.nextInt(10)));
            case "seen":
                return new AttributeValue.Timestamp(Fixtures.T0.plusNanos(random.nextInt(5) * 1_000L));
            case "labels":
                List<String> labels = new ArrayList<>();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    labels.add(pick(TEXTS));
                }
                return new AttributeValue.TextList(labels);
            case "kind":
                return new AttributeValue.Choice(pick(TEXTS));
            default:
                throw new IllegalArgumentException(key);
        }
    }

    CustomerCriteria criteria(int depth) {
        int choice = random.nextInt(depth > 0 ? 14 : 10);
        switch (choice) {
            case 0:
                return CustomerCriteria.all();
            case 1: {
                Set<LifecycleStage> stages = EnumSet.noneOf(LifecycleStage.class);
                for (LifecycleStage stage : LifecycleStage.values()) {
                    if (random.nextInt(3) == 0) {
                        stages.add(stage);
                    }
                }
                return new CustomerCriteria.StageIn(stages);
            }
            case 2: {
                String part = pick(NAME_PARTS);
                String prefix = part.substring(0, random.nextInt(Math.min(part.length(), 3) + 1));
                return CustomerCriteria.namePrefix(
                        random.nextBoolean() ? prefix : prefix.toUpperCase(java.util.Locale.ROOT));
            }
            case 3:
                return CustomerCriteria.hasTag(pick(TAGS));
            case 4: {
                Instant from = createdAt();
                return CustomerCriteria.createdBetween(from, from.plusSeconds(random.nextInt(20) - 2));
            }
            case 5:
            case 6: {
                String key = pick(List.of("tier", "score", "ratio", "active", "birthday", "seen", "labels", "missing"));
                Comparison op = pick(List.of(Comparison.values()));
                AttributeValue value = op == Comparison.CONTAINS
                        ? new AttributeValue.Text(pick(TEXTS))
                        : value(key.equals("missing") ? "tier" : key);
                return new CustomerCriteria.AttributeCompare(key, op, value);
            }
            case 7: {
                String key = pick(List.of("tier", "score", "ratio", "birthday"));
                List<AttributeValue> values = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    values.add(value(key));
                }
                return new CustomerCriteria.AttributeIn(key, values);
            }
            case 8:
                return CustomerCriteria.attribute(pick(List.of("tier", "labels", "missing")))
                        .present();
            case 9:
                return CustomerCriteria.not(CustomerCriteria.attribute(pick(List.of("tier", "score")))
                        .eq(value("tier")));
            case 10:
                return CustomerCriteria.not(criteria(depth - 1));
            case 11:
            case 12: {
                List<CustomerCriteria> parts = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    parts.add(criteria(depth - 1));
                }
                return choice == 11 ? new CustomerCriteria.And(parts) : new CustomerCriteria.Or(parts);
            }
            default:
                return new CustomerCriteria.And(List.of(criteria(depth - 1), criteria(depth - 1)));
        }
    }
}
