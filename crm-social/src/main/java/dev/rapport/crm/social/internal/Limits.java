package dev.rapport.crm.social.internal;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.util.ArrayList;
import java.util.List;

/** The read limits the parser builders share, and their checks. */
public final class Limits {
    /** Default largest payload: 5 MiB. */
    public static final int DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

    /** The largest payload limit a builder accepts: 256 MiB. */
    public static final int MAX_MAX_BYTES = 256 * 1024 * 1024;

    /** Default deepest nesting of arrays and objects. */
    public static final int DEFAULT_MAX_DEPTH = 128;

    /** The largest nesting limit a builder accepts (the mappings recurse into Reddit replies). */
    public static final int MAX_MAX_DEPTH = 1000;

    private Limits() {}

    /**
     * @param maxBytes the payload limit
     * @param maxDepth the nesting limit
     * @param extra violations of the builder's other settings, reported with these
     * @return the reader
     * @throws ValidationException listing every misconfiguration
     */
    public static JsonPayload reader(int maxBytes, int maxDepth, List<Violation> extra) {
        List<Violation> found = new ArrayList<>(extra);
        if (maxBytes < 1 || maxBytes > MAX_MAX_BYTES) {
            found.add(new Violation("maxPayloadBytes", "must be between 1 and " + MAX_MAX_BYTES));
        }
        if (maxDepth < 1 || maxDepth > MAX_MAX_DEPTH) {
            found.add(new Violation("maxNestingDepth", "must be between 1 and " + MAX_MAX_DEPTH));
        }
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
        return new JsonPayload(maxBytes, maxDepth);
    }
}
