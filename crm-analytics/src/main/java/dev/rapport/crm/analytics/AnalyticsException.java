package dev.rapport.crm.analytics;

/**
 * The one unchecked exception of crm-analytics: input that breaks a model's assumptions, a
 * numerical failure that could not be recovered, or a result asked for that does not exist (the
 * model of a fit that did not converge). Messages name the offending value; never personal data.
 *
 * <p>Plain argument errors (a null, a negative count) throw {@link IllegalArgumentException} or
 * {@link NullPointerException} as the JDK does.
 *
 * @since 0.1.0
 */
public class AnalyticsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, with the offending value
     */
    public AnalyticsException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong, with the offending value
     * @param cause the underlying failure
     */
    public AnalyticsException(String message, Throwable cause) {
        super(message, cause);
    }
}
