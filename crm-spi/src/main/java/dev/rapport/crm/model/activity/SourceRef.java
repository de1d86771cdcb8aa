package dev.rapport.crm.model.activity;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a record came from: the source system and the record's id there. It is the idempotency
 * key of ingestion: within a tenant, at most one interaction (and at most one order, and one
 * reversal) has a given {@link #key()}; recording the same source reference again returns the
 * first record and changes nothing.
 *
 * @param source the source system, such as {@code email}, {@code shop} or {@code facebook};
 *     trimmed and lower-cased, 1 to 64 characters of {@code a-z 0-9 . _ -}
 * @param externalId the record's id in that system, such as an email's Message-ID; matched
 *     exactly, 1 to 512 characters of Unicode text without control characters (no unpaired
 *     surrogates)
 * @since 0.2
 */
public record SourceRef(String source, String externalId) {
    /** Checks presence and normalises the source. */
    public SourceRef {
        source = Objects.requireNonNull(source, "source").strip().toLowerCase(Locale.ROOT);
        externalId = Objects.requireNonNull(externalId, "externalId");
    }

    /**
     * @param source the source system
     * @param externalId the id there
     * @return the reference
     */
    public static SourceRef of(String source, String externalId) {
        return new SourceRef(source, externalId);
    }

    /**
     * The matching key, stable across releases; adapters store and index it.
     *
     * @return {@code source:externalId}
     */
    public String key() {
        return source + ":" + externalId;
    }
}
