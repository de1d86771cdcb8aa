package dev.rapport.crm.customers.internal;

import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks attribute definitions and converts plain Java values to {@link AttributeValue}s of a
 * definition's type. Pure functions; thread-safe.
 */
public final class AttributeRules {
    /** Attribute keys: lower-case letters, digits and underscores, starting with a letter. */
    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Default and largest text length. */
    public static final int MAX_TEXT = 4000;
    /** Most elements of a text list. */
    public static final int MAX_LIST = 100;
    /** Most choices of a choice attribute. */
    public static final int MAX_CHOICES = 200;
    /** Most digits of a decimal. */
    public static final int MAX_PRECISION = 38;
    /** Most digits after the point of a decimal. */
    public static final int MAX_SCALE = 18;

    private static final LocalDate MIN_DATE = LocalDate.of(1, 1, 1);
    private static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);
    private static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    private AttributeRules() {}

    /**
     * Checks a definition's own consistency.
     *
     * @param d the definition
     * @param v where violations go
     */
    public static void checkDefinition(AttributeDefinition d, Violations v) {
        if (!KEY.matcher(d.key()).matches()) {
            v.add("key", "must be 1-64 of a-z, 0-9 and '_', starting with a letter");
        }
        boolean texty = d.type() == AttributeType.TEXT
                || d.type() == AttributeType.CHOICE
                || d.type() == AttributeType.TEXT_LIST;
        if (d.maxLength() != null) {
            if (!texty) {
                v.add("maxLength", "applies only to text, choice and text list attributes");
            } else if (d.maxLength() < 1 || d.maxLength() > MAX_TEXT) {
                v.add("maxLength", "must be between 1 and " + MAX_TEXT);
            }
        }
        boolean numeric = d.type() == AttributeType.INTEGER || d.type() == AttributeType.DECIMAL;
        if ((d.min() != null || d.max() != null) && !numeric) {
            v.add("min", "a range applies only to integer and decimal attributes");
        }
        if (d.min() != null && d.max() != null && d.min().compareTo(d.max()) > 0) {
            v.add("min", "must not be greater than max");
        }
        if (d.type() == AttributeType.CHOICE) {
            if (d.choices().isEmpty()) {
                v.add("choices", "a choice attribute needs at least one choice");
            }
            if (d.choices().size() > MAX_CHOICES) {
                v.add("choices", "at most " + MAX_CHOICES + " choices");
            }
            if (new HashSet<>(d.choices()).size() != d.choices().size()) {
                v.add("choices", "must be distinct");
            }
            for (int i = 0; i < d.choices().size(); i++) {
                String c = d.choices().get(i);
                if (c.isBlank() || c.length() > 200 || !c.equals(c.strip())) {
                    v.add("choices[" + i + "]", "must be 1-200 characters without surrounding spaces");
                }
            }
        } else if (!d.choices().isEmpty()) {
            v.add("choices", "apply only to choice attributes");
        }
    }

    /**
     * Converts a plain value to the definition's type and checks its constraints.
     *
     * @param d the definition
     * @param raw the value as given
     * @param path the field path for violations
     * @param v where violations go
     * @return the value, or empty if refused
     */
    public static Optional<AttributeValue> convert(
            AttributeDefinition d, @Nullable Object raw, String path, Violations v) {
        if (raw == null) {
            v.add(path, "must not be null (clear the attribute instead)");
            return Optional.empty();
        }
        Optional<AttributeValue> value = toType(d.type(), raw);
        if (value.isEmpty()) {
            v.add(
                    path,
                    "expected a value of type " + d.type().name().toLowerCase(java.util.Locale.ROOT) + ", got "
                            + raw.getClass().getSimpleName());
            return Optional.empty();
        }
        int before = v.list().size();
        checkConstraints(d, value.get(), path, v);
        return v.list().size() == before ? value : Optional.empty();
    }

    /**
     * Converts a value to a type without checking constraints (for query values).
     *
     * @param type the target type
     * @param raw a plain value or an {@link AttributeValue}
     * @return the converted value, or empty if it does not fit the type
     */
    public static Optional<AttributeValue> toType(AttributeType type, Object raw) {
        Object plain = raw instanceof AttributeValue av ? av.raw() : raw;
        try {
            return Optional.ofNullable(
                    switch (type) {
                        case TEXT -> plain instanceof String s ? new AttributeValue.Text(s) : null;
                        case CHOICE -> plain instanceof String s ? new AttributeValue.Choice(s) : null;
                        case BOOLEAN -> plain instanceof Boolean b ? new AttributeValue.Bool(b) : null;
                        case INTEGER -> integer(plain);
                        case DECIMAL -> decimal(plain);
                        case DATE -> date(plain);
                        case TIMESTAMP -> timestamp(plain);
                        case TEXT_LIST -> textList(plain);
                    });
        } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static @Nullable AttributeValue integer(Object plain) {
        if (plain instanceof Long || plain instanceof Integer || plain instanceof Short || plain instanceof Byte) {
            return new AttributeValue.Int(((Number) plain).longValue());
        }
        if (plain instanceof BigInteger bi) {
            return new AttributeValue.Int(bi.longValueExact());
        }
        if (plain instanceof BigDecimal bd) {
            return new AttributeValue.Int(bd.longValueExact());
        }
        return null;
    }

    private static @Nullable AttributeValue decimal(Object plain) {
        if (plain instanceof BigDecimal bd) {
            return new AttributeValue.Decimal(bd);
        }
        if (plain instanceof Long || plain instanceof Integer || plain instanceof Short || plain instanceof Byte) {
            return new AttributeValue.Decimal(BigDecimal.valueOf(((Number) plain).longValue()));
        }
        if (plain instanceof BigInteger bi) {
            return new AttributeValue.Decimal(new BigDecimal(bi));
        }
        if (plain instanceof Double || plain instanceof Float) {
            double d = ((Number) plain).doubleValue();
            return Double.isFinite(d) ? new AttributeValue.Decimal(new BigDecimal(plain.toString())) : null;
        }
        return null;
    }

    private static @Nullable AttributeValue date(Object plain) {
        if (plain instanceof LocalDate d) {
            return new AttributeValue.Date(d);
        }
        if (plain instanceof String s) {
            return new AttributeValue.Date(LocalDate.parse(s));
        }
        return null;
    }

    private static @Nullable AttributeValue timestamp(Object plain) {
        if (plain instanceof Instant i) {
            return new AttributeValue.Timestamp(i);
        }
        if (plain instanceof OffsetDateTime o) {
            return new AttributeValue.Timestamp(o.toInstant());
        }
        if (plain instanceof ZonedDateTime z) {
            return new AttributeValue.Timestamp(z.toInstant());
        }
        if (plain instanceof String s) {
            return new AttributeValue.Timestamp(Instant.parse(s));
        }
        return null;
    }

    private static @Nullable AttributeValue textList(Object plain) {
        if (!(plain instanceof Collection<?> c)) {
            return null;
        }
        List<String> out = new ArrayList<>(c.size());
        for (Object o : c) {
            if (!(o instanceof String s)) {
                return null;
            }
            out.add(s);
        }
        return new AttributeValue.TextList(out);
    }

    private static void checkConstraints(AttributeDefinition d, AttributeValue value, String path, Violations v) {
        int maxLength = d.maxLength() == null ? MAX_TEXT : d.maxLength();
        if (value instanceof AttributeValue.Text t) {
            checkText(t.value(), maxLength, path, v);
        } else if (value instanceof AttributeValue.Choice c) {
            if (!d.choices().contains(c.value())) {
                v.add(path, "must be one of the defined choices");
            }
        } else if (value instanceof AttributeValue.TextList l) {
            if (l.value().size() > MAX_LIST) {
                v.add(path, "at most " + MAX_LIST + " elements");
            }
            for (int i = 0; i < l.value().size(); i++) {
                checkText(l.value().get(i), maxLength, path + "[" + i + "]", v);
            }
        } else if (value instanceof AttributeValue.Int i) {
            checkRange(d, BigDecimal.valueOf(i.value()), path, v);
        } else if (value instanceof AttributeValue.Decimal dec) {
            if (dec.value().precision() > MAX_PRECISION || dec.value().scale() > MAX_SCALE) {
                v.add(path, "at most " + MAX_PRECISION + " digits, " + MAX_SCALE + " after the point");
            }
            checkRange(d, dec.value(), path, v);
        } else if (value instanceof AttributeValue.Date date) {
            if (date.value().isBefore(MIN_DATE) || date.value().isAfter(MAX_DATE)) {
                v.add(path, "must be between years 1 and 9999");
            }
        } else if (value instanceof AttributeValue.Timestamp ts) {
            if (ts.value().isBefore(MIN_INSTANT) || ts.value().isAfter(MAX_INSTANT)) {
                v.add(path, "must be between years 1 and 9999");
            }
        }
    }

    private static void checkText(String text, int max, String path, Violations v) {
        if (text.codePointCount(0, text.length()) > max) {
            v.add(path, "must be at most " + max + " characters");
        }
        if (text.indexOf('\u0000') >= 0) {
            v.add(path, "must not contain NUL characters");
        }
    }

    private static void checkRange(AttributeDefinition d, BigDecimal n, String path, Violations v) {
        if (d.min() != null && n.compareTo(d.min()) < 0) {
            v.add(path, "must be at least " + d.min().toPlainString());
        }
        if (d.max() != null && n.compareTo(d.max()) > 0) {
            v.add(path, "must be at most " + d.max().toPlainString());
        }
    }
}
