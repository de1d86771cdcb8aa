package dev.rapport.crm.model;

import java.util.UUID;
import java.util.regex.Pattern;

/** UUID helpers shared by the id types. */
final class Uuids {
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {}

    static UUID parse(String field, String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw ValidationException.of(field, "must be a UUID in canonical 8-4-4-4-12 form");
        }
        return UUID.fromString(text);
    }

    /** Unsigned order of the 128 bits, as PostgreSQL, H2 and byte-wise comparisons order them. */
    static int compare(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
