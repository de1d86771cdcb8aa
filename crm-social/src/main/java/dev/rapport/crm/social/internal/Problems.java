package dev.rapport.crm.social.internal;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to the fields of a JSON tree that records every problem by JSON path instead of
 * failing at the first, so that a payload is refused once with all its problems. A JSON {@code
 * null} counts as absent. Reasons are fixed texts: they never quote the payload. Not thread-safe;
 * one per parse.
 */
final class Problems {
    static final String REQUIRED = "is required";
    static final String NOT_STRING = "must be a string";
    static final String NOT_OBJECT = "must be an object";
    static final String NOT_ARRAY = "must be an array";
    static final String NOT_BOOLEAN = "must be a boolean";
    static final String NOT_INTEGER = "must be an integer";
    static final String NOT_NUMBER = "must be a number";
    static final String BLANK = "must not be blank";
    static final String OUT_OF_RANGE = "is out of range";

    /** The longest id, handle or name taken from a payload; ids combine into thread ids of at most 512. */
    static final int MAX_ID = 200;

    /** The engine's range for {@code occurredAt}: years 1000 to 9999. */
    static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final Set<Violation> found = new LinkedHashSet<>();

    void add(String path, String reason) {
        found.add(new Violation(path, reason));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(new ArrayList<>(found));
        }
    }

    static String field(String base, String name) {
        return base.isEmpty() ? name : base + "." + name;
    }

    static String index(String base, int i) {
        return base + "[" + i + "]";
    }

    /** @return the field's node, or null when it is absent or JSON null */
    static @Nullable JsonNode present(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    @Nullable
    JsonNode object(JsonNode parent, String name, String base, boolean required) {
        JsonNode node = present(parent, name);
        if (node == null) {
            if (required) {
                add(field(base, name), REQUIRED);
            }
            return null;
        }
        if (!node.isObject()) {
            add(field(base, name), NOT_OBJECT);
            return null;
        }
        return node;
    }

    /** @return the elements, or null when absent (optional) or refused */
    @Nullable
    List<JsonNode> array(JsonNode parent, String name, String base, boolean required) {
        JsonNode node = present(parent, name);
        if (node == null) {
            if (required) {
                add(field(base, name), REQUIRED);
            }
            return null;
        }
        if (!node.isArray()) {
            add(field(base, name), NOT_ARRAY);
            return null;
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            elements.add(element);
        }
        return elements;
    }

    /** @return the string as given (possibly empty), or null when absent (optional) or refused */
    @Nullable
    String string(JsonNode parent, String name, String base, boolean required) {
        JsonNode node = present(parent, name);
        if (node == null) {
            if (required) {
                add(field(base, name), REQUIRED);
            }
            return null;
        }
        if (!node.isString()) {
            add(field(base, name), NOT_STRING);
            return null;
        }
        return node.stringValue();
    }

    /**
     * An id, handle or name: a string, not blank, at most {@link #MAX_ID} characters; trimmed.
     *
     * @return the id, or null when absent (optional) or refused
     */
    @Nullable
    String id(JsonNode parent, String name, String base, boolean required) {
        String value = string(parent, name, base, required);
        if (value == null) {
            return null;
        }
        String id = value.strip();
        if (id.isEmpty()) {
            add(field(base, name), BLANK);
            return null;
        }
        if (id.length() > MAX_ID) {
            add(field(base, name), "must be at most " + MAX_ID + " characters");
            return null;
        }
        return id;
    }

    /** @return the boolean, false when absent, or null when refused */
    @Nullable
    Boolean flag(JsonNode parent, String name, String base) {
        JsonNode node = present(parent, name);
        if (node == null) {
            return Boolean.FALSE;
        }
        if (!node.isBoolean()) {
            add(field(base, name), NOT_BOOLEAN);
            return null;
        }
        return node.booleanValue();
    }

    /** A required integer of milliseconds since the epoch. */
    @Nullable
    Instant epochMillis(JsonNode parent, String name, String base) {
        JsonNode node = present(parent, name);
        String path = field(base, name);
        if (node == null) {
            add(path, REQUIRED);
            return null;
        }
        if (!node.isIntegralNumber()) {
            add(path, NOT_INTEGER);
            return null;
        }
        if (!node.canConvertToLong()) {
            add(path, OUT_OF_RANGE);
            return null;
        }
        return inRange(Instant.ofEpochMilli(node.longValue()), path);
    }

    /** A required number (integer or fraction) of seconds since the epoch. */
    @Nullable
    Instant epochSeconds(JsonNode parent, String name, String base) {
        JsonNode node = present(parent, name);
        String path = field(base, name);
        if (node == null) {
            add(path, REQUIRED);
            return null;
        }
        if (!node.isNumber()) {
            add(path, NOT_NUMBER);
            return null;
        }
        double seconds = node.doubleValue();
        // Bounds checked on the double first, so that no conversion below can overflow.
        if (!Double.isFinite(seconds) || seconds < EARLIEST.getEpochSecond() || seconds > LATEST.getEpochSecond()) {
            add(path, OUT_OF_RANGE);
            return null;
        }
        double whole = Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1_000_000_000d);
        return inRange(Instant.ofEpochSecond((long) whole, nanos), path);
    }

    private @Nullable Instant inRange(Instant at, String path) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            add(path, OUT_OF_RANGE);
            return null;
        }
        return at;
    }

    List<Violation> list() {
        return List.copyOf(found);
    }
}
