package dev.rapport.crm.query;

/**
 * The orders in which customers can be listed. Each ends with the id, so the order is total and
 * keyset paging is exact.
 *
 * @since 0.1
 */
public enum CustomerSort {
    /** Oldest first: by {@code createdAt}, then id. */
    CREATED,
    /**
     * By display name lower-cased with {@code Locale.ROOT}, compared by Unicode code point, then
     * by id.
     */
    NAME
}
