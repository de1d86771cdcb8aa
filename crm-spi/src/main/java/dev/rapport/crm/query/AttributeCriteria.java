package dev.rapport.crm.query;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.query.CustomerCriteria.AttributeCompare;
import dev.rapport.crm.query.CustomerCriteria.AttributeIn;
import dev.rapport.crm.query.CustomerCriteria.AttributePresent;
import dev.rapport.crm.query.CustomerCriteria.Comparison;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds comparisons on one custom attribute. Values may be {@link AttributeValue}s or plain Java
 * values; plain values are given a provisional type here ({@code String} as text, whole numbers as
 * integer, other numbers as decimal) and the engine converts them to the attribute's defined type
 * before the query runs, refusing those that do not fit.
 *
 * @param key the attribute key
 * @since 0.1
 */
public record AttributeCriteria(String key) {
    /** Checks presence. */
    public AttributeCriteria {
        Objects.requireNonNull(key, "key");
    }

    /** @param value the value @return attribute equals value */
    public CustomerCriteria eq(Object value) {
        return new AttributeCompare(key, Comparison.EQ, provisional(value));
    }

    /** @param value the value @return attribute present and not equal to value */
    public CustomerCriteria ne(Object value) {
        return new AttributeCompare(key, Comparison.NE, provisional(value));
    }

    /** @param value the value @return attribute less than value */
    public CustomerCriteria lt(Object value) {
        return new AttributeCompare(key, Comparison.LT, provisional(value));
    }

    /** @param value the value @return attribute at most value */
    public CustomerCriteria le(Object value) {
        return new AttributeCompare(key, Comparison.LE, provisional(value));
    }

    /** @param value the value @return attribute greater than value */
    public CustomerCriteria gt(Object value) {
        return new AttributeCompare(key, Comparison.GT, provisional(value));
    }

    /** @param value the value @return attribute at least value */
    public CustomerCriteria ge(Object value) {
        return new AttributeCompare(key, Comparison.GE, provisional(value));
    }

    /**
     * @param fromInclusive lower bound
     * @param toInclusive upper bound
     * @return attribute within both bounds
     */
    public CustomerCriteria between(Object fromInclusive, Object toInclusive) {
        return CustomerCriteria.and(ge(fromInclusive), le(toInclusive));
    }

    /** @param text an element @return the text list contains it */
    public CustomerCriteria contains(String text) {
        return new AttributeCompare(key, Comparison.CONTAINS, new AttributeValue.Text(text));
    }

    /** @param values the values @return attribute equals one of them */
    public CustomerCriteria in(Object... values) {
        return new AttributeIn(
                key, Arrays.stream(values).map(AttributeCriteria::provisional).toList());
    }

    /** @return attribute has a value */
    public CustomerCriteria present() {
        return new AttributePresent(key);
    }

    static AttributeValue provisional(Object value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof AttributeValue v) {
            return v;
        }
        if (value instanceof String s) {
            return new AttributeValue.Text(s);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new AttributeValue.Int(((Number) value).longValue());
        }
        if (value instanceof java.math.BigDecimal d) {
            return new AttributeValue.Decimal(d);
        }
        if (value instanceof Double || value instanceof Float) {
            return new AttributeValue.Decimal(new java.math.BigDecimal(value.toString()));
        }
        if (value instanceof Boolean b) {
            return new AttributeValue.Bool(b);
        }
        if (value instanceof java.time.LocalDate d) {
            return new AttributeValue.Date(d);
        }
        if (value instanceof java.time.Instant i) {
            return new AttributeValue.Timestamp(i);
        }
        throw new IllegalArgumentException(
                "unsupported attribute value type " + value.getClass().getName());
    }
}
