package dev.rapport.crm.model.activity;

/**
 * The kinds of entry on a customer's timeline.
 *
 * @since 0.2
 */
public enum ActivityKind {
    /** An {@link Interaction}. */
    INTERACTION,
    /** An {@link Order}. */
    ORDER,
    /** A {@link Reversal}: a cancellation or return of an order. */
    REVERSAL
}
