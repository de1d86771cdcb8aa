package dev.rapport.crm.tck;

import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The kit's own statement of what criteria mean and how listings are ordered, written plainly
 * from the javadoc of {@code CustomerCriteria} and {@code CustomerSort}, with no adapter code:
 *
 * <ul>
 *   <li>every leaf is two-valued: a customer without the compared attribute does not match it,
 *       so {@code Not} of a leaf matches customers without the attribute;
 *   <li>{@code And} of nothing matches all, {@code Or} of nothing and {@code StageIn} of nothing
 *       match none, {@code AttributeIn} of no values matches none;
 *   <li>{@code NamePrefix}: the display name lower-cased with {@code Locale.ROOT} starts with the
 *       prefix lower-cased the same way (an empty prefix matches all);
 *   <li>{@code HasTag}: the tag as the engine normalises it (trimmed, lower-cased, white space
 *       runs as {@code -});
 *   <li>{@code CreatedBetween}: {@code from <= createdAt < to};
 *   <li>attribute values compare by value: text and choices by Unicode code point (case
 *       matters), numbers numerically ({@code 1.5 == 1.50}, an integer query value against a
 *       decimal attribute as that decimal), dates and instants chronologically; {@code NE} needs
 *       the attribute present; {@code CONTAINS} is list membership.
 * </ul>
 */
final class Reference {
    private Reference() {}

    /** Listing order CREATED: by createdAt, then id. */
    static final Comparator<Customer> CREATED_ORDER =
            Comparator.comparing(Customer::createdAt).thenComparing(Customer::id);

    /** Listing order NAME: lower-cased display name by code point, then id. */
    static final Comparator<Customer> NAME_ORDER = Comparator.<Customer, String>comparing(
                    c -> c.displayName().toLowerCase(Locale.ROOT), Reference::compareCodePoints)
            .thenComparing(Customer::id);

    static Comparator<Customer> order(CustomerSort sort) {
        return sort == CustomerSort.CREATED ? CREATED_ORDER : NAME_ORDER;
    }

    /** Compares two strings by Unicode code point (not by UTF-16 unit). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    static String normalizeTag(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
    }

    /**
     * @param criteria a valid criteria tree
     * @param c a customer
     * @param defs the tenant's definitions by key
     * @return true if the customer matches
     */
    static boolean matches(CustomerCriteria criteria, Customer c, Map<String, AttributeDefinition> defs) {
        if (criteria instanceof All) {
            return true;
        }
        if (criteria instanceof And and) {
            return and.parts().stream().allMatch(p -> matches(p, c, defs));
        }
        if (criteria instanceof Or or) {
            return or.parts().stream().anyMatch(p -> matches(p, c, defs));
        }
        if (criteria instanceof Not not) {
            return !matches(not.part(), c, defs);
        }
        if (criteria instanceof StageIn s) {
            return s.stages().contains(c.stage());
        }
        if (criteria instanceof NamePrefix p) {
            return c.displayName()
                    .toLowerCase(Locale.ROOT)
                    .startsWith(p.prefix().toLowerCase(Locale.ROOT));
        }
        if (criteria instanceof HasTag t) {
            return c.tags().contains(normalizeTag(t.tag()));
        }
        if (criteria instanceof CreatedBetween b) {
            return !c.createdAt().isBefore(b.from()) && c.createdAt().isBefore(b.to());
        }
        if (criteria instanceof AttributePresent p) {
            return c.attributes().containsKey(p.key());
        }
        if (criteria instanceof AttributeIn in) {
            AttributeValue stored = c.attributes().get(in.key());
            if (stored == null) {
                return false;
            }
            AttributeType type = defs.get(in.key()).type();
            return in.values().stream().anyMatch(v -> compare(type, stored, v) == 0);
        }
        if (criteria instanceof AttributeCompare a) {
            AttributeValue stored = c.attributes().get(a.key());
            if (stored == null) {
                return false;
            }
            AttributeType type = defs.get(a.key()).type();
            return switch (a.op()) {
                case CONTAINS -> ((List<?>) stored.raw()).contains(a.value().raw());
                case EQ -> compare(type, stored, a.value()) == 0;
                case NE -> compare(type, stored, a.value()) != 0;
                case LT -> compare(type, stored, a.value()) < 0;
                case LE -> compare(type, stored, a.value()) <= 0;
                case GT -> compare(type, stored, a.value()) > 0;
                case GE -> compare(type, stored, a.value()) >= 0;
            };
        }
        throw new IllegalArgumentException("unknown criteria " + criteria);
    }

    /** Compares a stored value with a query value of the attribute's type; booleans: 0 or 1. */
    private static int compare(AttributeType type, AttributeValue stored, AttributeValue query) {
        Object s = stored.raw();
        Object q = query.raw();
        return switch (type) {
            case TEXT, CHOICE -> compareCodePoints((String) s, (String) q);
            case INTEGER -> Long.compare(((Number) s).longValue(), ((Number) q).longValue());
            case DECIMAL -> decimal(s).compareTo(decimal(q));
            case BOOLEAN -> s.equals(q) ? 0 : 1;
            case DATE -> ((LocalDate) s).compareTo((LocalDate) q);
            case TIMESTAMP -> ((Instant) s).compareTo((Instant) q);
            case TEXT_LIST -> Objects.equals(s, q) ? 0 : 1;
        };
    }

    private static BigDecimal decimal(Object n) {
        return n instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) n).longValue());
    }
}
