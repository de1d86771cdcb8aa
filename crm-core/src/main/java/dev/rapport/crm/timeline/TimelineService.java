package dev.rapport.crm.timeline;

import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.query.Page;

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
}
