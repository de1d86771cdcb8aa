package dev.rapport.crm.model;

/**
 * A write was based on a stale version: someone else changed the record first. Read it again and
 * retry.
 *
 * @since 0.1
 */
public final class ConcurrencyException extends CrmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what the kind of record
     * @param id its id
     * @param expectedVersion the version the write expected
     */
    public ConcurrencyException(String what, Object id, long expectedVersion) {
        super(what + " " + id + " was changed concurrently: expected version " + expectedVersion);
    }
}
