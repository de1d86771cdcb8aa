package dev.rapport.crm.model.activity;

/**
 * Why an order, or part of it, was reversed. Both reduce the order's net total alike; the kind is
 * kept for reporting.
 *
 * @since 0.2
 */
public enum ReversalKind {
    /** Cancelled before or instead of fulfilment. */
    CANCELLATION,
    /** Goods sent back after fulfilment. */
    RETURN
}
