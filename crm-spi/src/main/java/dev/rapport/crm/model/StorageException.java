package dev.rapport.crm.model;

/**
 * The storage adapter failed (connection lost, SQL error). The cause is kept.
 *
 * @since 0.1
 */
public final class StorageException extends CrmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the adapter was doing
     * @param cause the underlying failure
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
