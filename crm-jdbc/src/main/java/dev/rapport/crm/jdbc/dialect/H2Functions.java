package dev.rapport.crm.jdbc.dialect;

import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.AttributeValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/**
 * The JSON functions that H2 lacks, registered by the H2 migration with {@code CREATE ALIAS} and
 * called by H2 with the customers' {@code attributes} column (the JSON written by the adapter, a
 * map of key to typed value). Each returns SQL NULL when the customer has no value for the key or
 * a value of another type, so a comparison with NULL never matches.
 *
 * <p>Public only because H2 calls these by name. Stateless and thread-safe (each thread keeps the
 * last document it parsed, since a query calls several functions on one row).
 *
 * @since 0.1
 */
public final class H2Functions {

    private static final TypeReference<Map<String, AttributeValue>> ATTRIBUTES = new TypeReference<>() {};

    private static final ThreadLocal<Parsed> LAST = new ThreadLocal<>();

    private record Parsed(String json, Map<String, AttributeValue> attributes) {}

    private H2Functions() {}

    private static @Nullable AttributeValue value(@Nullable String json, @Nullable String key) {
        if (json == null || key == null) {
            return null;
        }
        Parsed last = LAST.get();
        if (last == null || !last.json().equals(json)) {
            last = new Parsed(json, CrmJson.mapper().readValue(json, ATTRIBUTES));
            LAST.set(last);
        }
        return last.attributes().get(key);
    }

    /**
     * {@code RAPPORT_ATTR_TYPE}.
     *
     * @param json the attributes column
     * @param key the attribute key
     * @return the value's type name ({@code text}, {@code decimal}, ...) or null when absent
     */
    public static @Nullable String attributeType(@Nullable String json, @Nullable String key) {
        AttributeValue value = value(json, key);
        return value == null ? null : CriteriaTranslator.typeName(value.type());
    }

    /**
     * {@code RAPPORT_ATTR_TEXT}.
     *
     * @param json the attributes column
     * @param key the attribute key
     * @return a text, choice or boolean ({@code true}/{@code false}) value as text, else null
     */
    public static @Nullable String attributeText(@Nullable String json, @Nullable String key) {
        AttributeValue value = value(json, key);
        if (value instanceof AttributeValue.Text v) {
            return v.value();
        }
        if (value instanceof AttributeValue.Choice v) {
            return v.value();
        }
        if (value instanceof AttributeValue.Bool v) {
            return Boolean.toString(v.value());
        }
        return null;
    }

    /**
     * {@code RAPPORT_ATTR_NUMBER}.
     *
     * @param json the attributes column
     * @param key the attribute key
     * @return an integer or decimal value, else null
     */
    public static @Nullable BigDecimal attributeNumber(@Nullable String json, @Nullable String key) {
        AttributeValue value = value(json, key);
        if (value instanceof AttributeValue.Int v) {
            return BigDecimal.valueOf(v.value());
        }
        if (value instanceof AttributeValue.Decimal v) {
            return v.value();
        }
        return null;
    }

    /**
     * {@code RAPPORT_ATTR_DATE}.
     *
     * @param json the attributes column
     * @param key the attribute key
     * @return a date value, else null
     */
    public static @Nullable LocalDate attributeDate(@Nullable String json, @Nullable String key) {
        return value(json, key) instanceof AttributeValue.Date v ? v.value() : null;
    }

    /**
     * {@code RAPPORT_ATTR_TIMESTAMP}.
     *
     * @param json the attributes column
     * @param key the attribute key
     * @return a timestamp value (in UTC), else null
     */
    public static @Nullable OffsetDateTime attributeTimestamp(@Nullable String json, @Nullable String key) {
        return value(json, key) instanceof AttributeValue.Timestamp v
                ? OffsetDateTime.ofInstant(v.value(), ZoneOffset.UTC)
                : null;
    }

    /**
     * {@code RAPPORT_ATTR_LIST_CONTAINS}.
     *
     * @param json the attributes column
     * @param key the attribute key
     * @param element a text
     * @return whether the text list value has an element equal to the text; null when the value is
     *     absent or not a text list
     */
    public static @Nullable Boolean attributeListContains(
            @Nullable String json, @Nullable String key, @Nullable String element) {
        return value(json, key) instanceof AttributeValue.TextList v && element != null
                ? v.value().contains(element)
                : null;
    }

    /**
     * {@code RAPPORT_ATTR_LIST_EQUALS}.
     *
     * @param json the attributes column
     * @param key the attribute key
     * @param jsonArray a list of texts as a JSON array
     * @return whether the text list value equals the list, in order; null when the value is absent
     *     or not a text list
     */
    public static @Nullable Boolean attributeListEquals(
            @Nullable String json, @Nullable String key, @Nullable String jsonArray) {
        if (!(value(json, key) instanceof AttributeValue.TextList v) || jsonArray == null) {
            return null;
        }
        List<?> other = CrmJson.mapper().readValue(jsonArray, List.class);
        return v.value().equals(other);
    }
}
