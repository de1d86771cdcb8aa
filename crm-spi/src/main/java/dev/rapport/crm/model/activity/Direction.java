package dev.rapport.crm.model.activity;

/**
 * Which way an interaction went.
 *
 * @since 0.2
 */
public enum Direction {
    /** From the customer to the business. */
    INBOUND,
    /** From the business to the customer. */
    OUTBOUND,
    /** A note kept by the business, never seen by the customer. */
    INTERNAL
}
