package dev.rapport.crm.analytics.summary;

/**
 * How the purchases given to {@link Summaries} are ordered, which decides the memory a summary
 * needs.
 *
 * @since 0.1.0
 */
public enum InputOrder {
    /**
     * Sorted by customer id in ascending {@link String#compareTo(String)} order (dates in any order
     * within a customer), as {@code ORDER BY customer_id} with a binary collation delivers. Memory
     * is bounded by one customer's purchases; summaries are produced while the input is read. An
     * id smaller than the previous one fails with an {@link
     * dev.rapport.crm.analytics.AnalyticsException}.
     */
    SORTED_BY_CUSTOMER,
    /**
     * Any order. All purchases are grouped in memory before the first summary is produced (memory
     * proportional to the input); summaries come out sorted by customer id.
     */
    ANY
}
