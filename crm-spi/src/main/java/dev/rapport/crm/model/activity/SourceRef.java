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
    /**
     * The longest external id the engine accepts, in {@code char}s.
     *
     * @since 0.3
     */
    public static final int MAX_EXTERNAL_ID = 512;

    /** Checks presence and normalises the source. */
    public SourceRef {
        source = Objects.requireNonNull(source, "source").strip().toLowerCase(Locale.ROOT);
        externalId = Objects.requireNonNull(externalId, "externalId");
    }

    /**
     * Whether the engine accepts the text as an external id: 1 to {@link #MAX_EXTERNAL_ID}
     * characters, no control character, and no unpaired surrogate (which has no UTF-8 form, so two
     * such ids could be stored as one). For callers that make ids, such as importers, to refuse a
     * row before recording it.
     *
     * @param externalId a candidate id
     * @return true if it can be a reference's external id
     * @since 0.3
     */
    public static boolean isExternalId(String externalId) {
        int n = externalId.length();
        if (n == 0 || n > MAX_EXTERNAL_ID) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = externalId.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(externalId.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
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
