package dev.rapport.crm.model;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Rapport throws. Unchecked: callers catch the subtype they can act
 * on. Messages name ids and field paths, never a customer's personal data.
 *
 * @since 0.1
 */
public class CrmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, with ids but no personal data
     */
    public CrmException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, with ids but no personal data
     * @param cause the underlying failure, kept for diagnosis
     */
    public CrmException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
