package dev.rapport.crm.social.internal;

import dev.rapport.crm.model.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an untrusted payload into a JSON tree, within a size limit and Jackson's read constraints
 * (nesting depth, number and name lengths). Strict: duplicate field names and trailing content are
 * refused. Immutable and thread-safe. Every failure is a {@link ValidationException} on the path
 * {@code payload}, whose reason never quotes the input.
 */
public final class JsonPayload {
    /** The path of violations about the payload as a whole. */
    public static final String PATH = "payload";

    private final int maxBytes;
    private final JsonMapper mapper;

    /**
     * @param maxBytes the largest payload accepted, in bytes (UTF-8)
     * @param maxNestingDepth the deepest nesting of arrays and objects accepted
     */
    public JsonPayload(int maxBytes, int maxNestingDepth) {
        this.maxBytes = maxBytes;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxDocumentLength(maxBytes)
                .maxStringLength(maxBytes)
                .maxNameLength(Math.min(maxBytes, 50_000))
                .maxNumberLength(100)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /**
     * @param json the payload
     * @return its tree
     * @throws ValidationException if it is too large or not well-formed JSON
     */
    public JsonNode read(String json) {
        Objects.requireNonNull(json, "json");
        // A char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars): a cheap bound first.
        if (json.length() > maxBytes) {
            throw tooLarge();
        }
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param json the payload, UTF-8 (or another encoding JSON allows, detected by Jackson)
     * @return its tree
     * @throws ValidationException if it is too large or not well-formed JSON
     */
    public JsonNode read(byte[] json) {
        Objects.requireNonNull(json, "json");
        if (json.length > maxBytes) {
            throw tooLarge();
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            throw ValidationException.of(PATH, "exceeds the parser's limits (nesting depth or length)");
        } catch (JacksonException e) {
            throw ValidationException.of(PATH, "is not well-formed JSON");
        }
        if (tree == null || tree.isMissingNode()) {
            throw ValidationException.of(PATH, "is empty");
        }
        return tree;
    }

    /**
     * Reads the stream up to the size limit; does not close it.
     *
     * @param json the payload
     * @return its tree
     * @throws ValidationException if it is too large, not well-formed JSON, or cannot be read
     */
    public JsonNode read(InputStream json) {
        Objects.requireNonNull(json, "json");
        byte[] buffer = new byte[Math.min(maxBytes + 1, 64 * 1024)];
        int length = 0;
        try {
            while (true) {
                if (length == buffer.length) {
                    if (length > maxBytes) {
                        throw tooLarge();
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) maxBytes + 1, 2L * buffer.length));
                }
                int n = json.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
        } catch (IOException e) {
            throw ValidationException.of(PATH, "could not be read");
        }
        if (length > maxBytes) {
            throw tooLarge();
        }
        return read(length == buffer.length ? buffer : Arrays.copyOf(buffer, length));
    }

    private ValidationException tooLarge() {
        return ValidationException.of(PATH, "is larger than " + maxBytes + " bytes");
    }
}
