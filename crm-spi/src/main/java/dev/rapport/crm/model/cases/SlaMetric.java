package dev.rapport.crm.model.cases;

/**
 * What a service-level target measures. Each is a clock that runs while the case waits for the
 * business, and stops when the business has done what the metric names.
 *
 * @since 0.3
 */
public enum SlaMetric {
    /** From opening to the first agent reply. */
    FIRST_RESPONSE,
    /**
     * From a customer message after the first response (the oldest one still unanswered) to the
     * next agent reply; starts again with the next such message.
     */
    NEXT_RESPONSE,
    /** From opening to solving; a reopen carries on from the time already used. */
    RESOLUTION
}
