package dev.rapport.crm.interactions;

/**
 * What {@link InteractionService#ingest} does with an inbound message whose sender matches no
 * customer of the tenant.
 *
 * @since 0.2
 */
public enum UnmatchedPolicy {
    /**
     * Create a customer at stage {@code LEAD} holding the sender's identity, named by the sender's
     * name (or, without one, by the identity's value), and attach the message to it.
     */
    CREATE_LEAD,
    /**
     * Record the message without a customer; it is listed by {@link InteractionService#unmatched}
     * until {@link InteractionService#link} attaches it. The default.
     */
    PARK
}
