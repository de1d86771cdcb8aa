package dev.rapport.crm.inmemory;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerCriteria.All;
import dev.rapport.crm.query.CustomerCriteria.And;
import dev.rapport.crm.query.CustomerCriteria.AttributeCompare;
import dev.rapport.crm.query.CustomerCriteria.AttributeIn;
import dev.rapport.crm.query.CustomerCriteria.AttributePresent;
import dev.rapport.crm.query.CustomerCriteria.CreatedBetween;
import dev.rapport.crm.query.CustomerCriteria.HasTag;
import dev.rapport.crm.query.CustomerCriteria.NamePrefix;
import dev.rapport.crm.query.CustomerCriteria.Not;
import dev.rapport.crm.query.CustomerCriteria.Or;
import dev.rapport.crm.query.CustomerCriteria.StageIn;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.SortKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A deliberately naive reference for criteria and orders, written from the contract text and not
 * from the adapter's code: decodes code points, filters and sorts whole lists.
 */
final class Oracle {
    private Oracle() {}

    static String sortName(Customer c) {
        return c.displayName().toLowerCase(Locale.ROOT);
    }

    static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    static Comparator<Customer> order(CustomerSort sort) {
        Comparator<Customer> first = sort == CustomerSort.CREATED
                ? Comparator.comparing(Customer::createdAt)
                : (x, y) -> compareCodePoints(sortName(x), sortName(y));
        return first.thenComparing(Customer::id);
    }

    static SortKey position(Customer c, CustomerSort sort) {
        return sort == CustomerSort.CREATED
                ? new SortKey(c.createdAt(), null, c.id())
                : new SortKey(null, sortName(c), c.id());
    }

    static List<Customer> select(Collection<Customer> customers, CustomerCriteria criteria, CustomerSort sort) {
        return customers.stream()
                .filter(c -> matches(criteria, c))
                .sorted(order(sort))
                .toList();
    }

    static boolean matches(CustomerCriteria criteria, Customer c) {
        if (criteria instanceof All) {
            return true;
        }
        if (criteria instanceof And and) {
            return and.parts().stream().allMatch(p -> matches(p, c));
        }
        if (criteria instanceof Or or) {
            return or.parts().stream().anyMatch(p -> matches(p, c));
        }
        if (criteria instanceof Not not) {
            return !matches(not.part(), c);
        }
        if (criteria instanceof StageIn stageIn) {
            return stageIn.stages().contains(c.stage());
        }
        if (criteria instanceof NamePrefix prefix) {
            return sortName(c).startsWith(prefix.prefix().toLowerCase(Locale.ROOT));
        }
        if (criteria instanceof HasTag tag) {
            return c.tags().contains(tag.tag());
        }
        if (criteria instanceof CreatedBetween between) {
            Instant at = c.createdAt();
            return at.compareTo(between.from()) >= 0 && at.compareTo(between.to()) < 0;
        }
        if (criteria instanceof AttributePresent present) {
            return c.attributes().containsKey(present.key());
        }
        if (criteria instanceof AttributeIn in) {
            AttributeValue stored = c.attributes().get(in.key());
            return stored != null && in.values().stream().anyMatch(v -> same(stored, v));
        }
        if (criteria instanceof AttributeCompare compare) {
            AttributeValue stored = c.attributes().get(compare.key());
            if (stored == null) {
                return false;
            }
            AttributeValue value = compare.value();
            switch (compare.op()) {
                case CONTAINS:
                    return stored instanceof AttributeValue.TextList list
                            && value instanceof AttributeValue.Text text
                            && list.value().contains(text.value());
                case EQ:
                    return same(stored, value);
                case NE:
                    return stored.type() == value.type() && !same(stored, value);
                default:
                    Integer order = order(stored, value);
                    if (order == null) {
                        return false;
                    }
                    switch (compare.op()) {
                        case LT:
                            return order < 0;
                        case LE:
                            return order <= 0;
                        case GT:
                            return order > 0;
                        case GE:
                            return order >= 0;
                        default:
                            throw new AssertionError(compare.op());
                    }
            }
        }
        throw new AssertionError("unknown criteria " + criteria);
    }

    private static boolean same(AttributeValue a, AttributeValue b) {
        if (a.type() != b.type()) {
            return false;
        }
        if (a.raw() instanceof BigDecimal x) {
            return x.compareTo((BigDecimal) b.raw()) == 0;
        }
        return a.raw().equals(b.raw());
    }

    /** @return the order of two values of one ordered type, or null if they cannot be ordered */
    private static Integer order(AttributeValue a, AttributeValue b) {
        if (a.type() != b.type()) {
            return null;
        }
        switch (a.type()) {
            case TEXT:
            case CHOICE:
                return compareCodePoints((String) a.raw(), (String) b.raw());
            case INTEGER:
                return Long.compare((Long) a.raw(), (Long) b.raw());
            case DECIMAL:
                return ((BigDecimal) a.raw()).compareTo((BigDecimal) b.raw());
            case DATE:
                return ((LocalDate) a.raw()).compareTo((LocalDate) b.raw());
            case TIMESTAMP:
                return ((Instant) a.raw()).compareTo((Instant) b.raw());
            default:
                return null;
        }
    }
}
