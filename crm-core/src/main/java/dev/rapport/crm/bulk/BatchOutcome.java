package dev.rapport.crm.bulk;

/**
 * What a bulk write did with one item.
 *
 * @since 0.2
 */
public enum BatchOutcome {
    /** The item was new and was recorded. */
    CREATED,
    /** The item matched a stored record whose attributes it changed. */
    UPDATED,
    /** The item matched a stored record it would not change. */
    UNCHANGED,
    /** The item's source reference was recorded before (or earlier in the same batch). */
    DUPLICATE,
    /** The item was refused; its problems say why, and nothing of it was written. */
    REJECTED
}
