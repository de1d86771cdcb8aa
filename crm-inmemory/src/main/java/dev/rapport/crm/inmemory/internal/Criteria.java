package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerCriteria.All;
import dev.rapport.crm.query.CustomerCriteria.And;
import dev.rapport.crm.query.CustomerCriteria.AttributeCompare;
import dev.rapport.crm.query.CustomerCriteria.AttributeIn;
import dev.rapport.crm.query.CustomerCriteria.AttributePresent;
import dev.rapport.crm.query.CustomerCriteria.Comparison;
import dev.rapport.crm.query.CustomerCriteria.CreatedBetween;
import dev.rapport.crm.query.CustomerCriteria.HasTag;
import dev.rapport.crm.query.CustomerCriteria.NamePrefix;
import dev.rapport.crm.query.CustomerCriteria.Not;
import dev.rapport.crm.query.CustomerCriteria.Or;
import dev.rapport.crm.query.CustomerCriteria.StageIn;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.SortKey;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates {@link CustomerCriteria} in memory, with the semantics the JDBC adapter implements in
 * SQL: every leaf is two-valued (a customer without the attribute does not match it), texts and
 * choices compare by code point.
 */
public final class Criteria {
    private static final Predicate<Customer> ALWAYS = c -> true;
    private static final Predicate<Customer> NEVER = c -> false;

    /** The smallest id in {@link CustomerId#compareTo} order: the start of a range of sort keys. */
    static final CustomerId MIN_ID = new CustomerId(new UUID(0L, 0L));

    private Criteria() {}

    /**
     * @param customer a customer
     * @return the key of the NAME order: the display name lower-cased with {@code Locale.ROOT}
     */
    public static String sortName(Customer customer) {
        return customer.displayName().toLowerCase(Locale.ROOT);
    }

    /**
     * Compiles a criteria tree into a predicate; constants (lower-cased prefixes, stage sets) are
     * computed once.
     *
     * @param criteria the tree
     * @return a predicate equivalent to it
     */
    public static Predicate<Customer> compile(CustomerCriteria criteria) {
        if (criteria instanceof All) {
            return ALWAYS;
        }
        if (criteria instanceof And and) {
            return allOf(and.parts().stream().map(Criteria::compile).toList());
        }
        if (criteria instanceof Or or) {
            return anyOf(or.parts().stream().map(Criteria::compile).toList());
        }
        if (criteria instanceof Not not) {
            Predicate<Customer> part = compile(not.part());
            return c -> !part.test(c);
        }
        if (criteria instanceof StageIn stageIn) {
            if (stageIn.stages().isEmpty()) {
                return NEVER;
            }
            EnumSet<LifecycleStage> stages = EnumSet.copyOf(stageIn.stages());
            return c -> stages.contains(c.stage());
        }
        if (criteria instanceof NamePrefix namePrefix) {
            String prefix = namePrefix.prefix().toLowerCase(Locale.ROOT);
            return prefix.isEmpty() ? ALWAYS : c -> sortName(c).startsWith(prefix);
        }
        if (criteria instanceof HasTag hasTag) {
            String tag = hasTag.tag();
            // Customer keeps its tags sorted in natural String order.
            return c -> Collections.binarySearch(c.tags(), tag) >= 0;
        }
        if (criteria instanceof CreatedBetween between) {
            Instant from = between.from();
            Instant to = between.to();
            return c -> !c.createdAt().isBefore(from) && c.createdAt().isBefore(to);
        }
        if (criteria instanceof AttributeCompare compare) {
            String key = compare.key();
            Comparison op = compare.op();
            AttributeValue value = compare.value();
            return c -> {
                AttributeValue stored = c.attributes().get(key);
                return stored != null && compare(stored, op, value);
            };
        }
        if (criteria instanceof AttributeIn in) {
            if (in.values().isEmpty()) {
                return NEVER;
            }
            String key = in.key();
            List<AttributeValue> values = in.values();
            return c -> {
                AttributeValue stored = c.attributes().get(key);
                if (stored == null) {
                    return false;
                }
                for (AttributeValue value : values) {
                    if (stored.type() == value.type() && equal(stored, value)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (criteria instanceof AttributePresent present) {
            String key = present.key();
            return c -> c.attributes().containsKey(key);
        }
        throw new IllegalArgumentException(
                "unsupported criteria " + criteria.getClass().getName());
    }

    private static Predicate<Customer> allOf(List<Predicate<Customer>> parts) {
        if (parts.isEmpty()) {
            return ALWAYS;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        @SuppressWarnings("unchecked")
        Predicate<Customer>[] array = parts.toArray(new Predicate[0]);
        return c -> {
            for (Predicate<Customer> p : array) {
                if (!p.test(c)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<Customer> anyOf(List<Predicate<Customer>> parts) {
        if (parts.isEmpty()) {
            return NEVER;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        @SuppressWarnings("unchecked")
        Predicate<Customer>[] array = parts.toArray(new Predicate[0]);
        return c -> {
            for (Predicate<Customer> p : array) {
                if (p.test(c)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Compares a stored value with a criteria value. Values of different types never match, so
     * an attribute whose definition changed type does not match comparisons of the new type.
     */
    static boolean compare(AttributeValue stored, Comparison op, AttributeValue value) {
        if (op == Comparison.CONTAINS) {
            return stored instanceof AttributeValue.TextList list
                    && value instanceof AttributeValue.Text text
                    && list.value().contains(text.value());
        }
        if (stored.type() != value.type()) {
            return false;
        }
        switch (op) {
            case EQ:
                return equal(stored, value);
            case NE:
                return !equal(stored, value);
            default:
                break;
        }
        if (!ordered(stored)) {
            return false;
        }
        int c = order(stored, value);
        switch (op) {
            case LT:
                return c < 0;
            case LE:
                return c <= 0;
            case GT:
                return c > 0;
            case GE:
                return c >= 0;
            default:
                throw new IllegalArgumentException("unsupported comparison " + op);
        }
    }

    /** Equality of two values of the same type. */
    private static boolean equal(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.Decimal x && b instanceof AttributeValue.Decimal y) {
            return x.value().compareTo(y.value()) == 0;
        }
        return a.equals(b);
    }

    private static boolean ordered(AttributeValue v) {
        return !(v instanceof AttributeValue.Bool || v instanceof AttributeValue.TextList);
    }

    /** Order of two values of the same ordered type. */
    private static int order(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.Text x && b instanceof AttributeValue.Text y) {
            return CodePoints.compare(x.value(), y.value());
        }
        if (a instanceof AttributeValue.Choice x && b instanceof AttributeValue.Choice y) {
            return CodePoints.compare(x.value(), y.value());
        }
        if (a instanceof AttributeValue.Int x && b instanceof AttributeValue.Int y) {
            return Long.compare(x.value(), y.value());
        }
        if (a instanceof AttributeValue.Decimal x && b instanceof AttributeValue.Decimal y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof AttributeValue.Date x && b instanceof AttributeValue.Date y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof AttributeValue.Timestamp x && b instanceof AttributeValue.Timestamp y) {
            return x.value().compareTo(y.value());
        }
        throw new IllegalArgumentException("unordered attribute type " + a.type());
    }

    /**
     * The part of a sorted index a criteria tree can match at all: a name prefix bounds the NAME
     * order, a creation interval the CREATED order. Found in the tree's top-level conjunction
     * only; everything else is {@link #UNBOUNDED}. The full criteria are still checked on every
     * row scanned.
     *
     * @param start the first key that may match (inclusive), or null for the start of the index
     * @param prefix for NAME: every matching key's sort name starts with it
     * @param before for CREATED: every matching key was created before it
     */
    record Range(
            @Nullable SortKey start,
            @Nullable String prefix,
            @Nullable Instant before) {
        static final Range UNBOUNDED = new Range(null, null, null);

        /** @return true if this key and every later one are past the range */
        boolean ended(SortKey key) {
            if (prefix != null) {
                return !key.sortName().startsWith(prefix);
            }
            if (before != null) {
                return !key.createdAt().isBefore(before);
            }
            return false;
        }
    }

    /**
     * @param criteria the tree
     * @param sort the order to be scanned
     * @return the range of that order the criteria restrict the scan to
     */
    static Range range(CustomerCriteria criteria, CustomerSort sort) {
        if (criteria instanceof And and) {
            for (CustomerCriteria part : and.parts()) {
                Range r = range(part, sort);
                if (r != Range.UNBOUNDED) {
                    return r;
                }
            }
            return Range.UNBOUNDED;
        }
        if (sort == CustomerSort.NAME && criteria instanceof NamePrefix namePrefix) {
            String prefix = namePrefix.prefix().toLowerCase(Locale.ROOT);
            return prefix.isEmpty() ? Range.UNBOUNDED : new Range(new SortKey(null, prefix, MIN_ID), prefix, null);
        }
        if (sort == CustomerSort.CREATED && criteria instanceof CreatedBetween between) {
            return new Range(new SortKey(between.from(), null, MIN_ID), null, between.to());
        }
        return Range.UNBOUNDED;
    }
}
