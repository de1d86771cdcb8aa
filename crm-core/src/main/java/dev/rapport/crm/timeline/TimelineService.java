package dev.rapport.crm.timeline;

import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.query.Page;
import java.util.List;

/**
 * Customers' timelines. Thread-safe.
 *
 * @since 0.2
 */
public interface TimelineService {
    /**
     * A page of a customer's timeline: newest first by {@code (occurredAt, id)}, keyset-paged with
     * an opaque cursor, stable under concurrent inserts, identical on every adapter.
     *
     * @param query the customer, filters, page size and cursor
     * @return the page
     * @throws dev.rapport.crm.model.ValidationException if the cursor is malformed or the range empty
     */
    Page<Activity> list(TimelineQuery query);

    /**
     * Several pages at once, each exactly as {@link #list(TimelineQuery)} answers its query, in one
     * read (a database adapter asks one statement per hundred queries): for imports and reports
     * that look at many customers' timelines.
     *
     * @param queries the queries, at most {@link #MAX_QUERIES}
     * @return one page per query, in the order of {@code queries}
     * @throws dev.rapport.crm.model.ValidationException if a query is refused (its path names its
     *     index, such as {@code queries[2].cursor}) or there are too many; nothing is read
     * @since 0.2
     */
    List<Page<Activity>> list(List<TimelineQuery> queries);

    /** The most queries {@link #list(List)} takes at once. */
    int MAX_QUERIES = 10_000;
}
