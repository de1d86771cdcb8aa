package dev.rapport.crm.spi;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.CurrencyTotals;
import dev.rapport.crm.model.activity.PurchaseFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * What spans every kind of activity of one tenant: the merged timeline, the figures counted over
 * it, and erasure with the customer. Every method sees the session's own uncommitted writes.
 *
 * @since 0.2
 */
public interface ActivityStore {

    /**
     * A page of a customer's timeline: interactions, orders and reversals merged, newest first by
     * {@link dev.rapport.crm.model.activity.TimelineKey#NEWEST_FIRST}, filtered as the request
     * says. Keyset paging makes it stable under concurrent inserts: a reader following positions
     * sees each activity that existed when it started at most once and never skips one.
     *
     * @param request the request
     * @return at most {@code limit} activities
     */
    List<Activity> timeline(TimelineRequest request);

    /**
     * Several timeline pages at once (bulk paths), each exactly as {@link #timeline} answers its
     * request. The default calls {@link #timeline} for each; a database adapter reads them with one
     * statement per chunk of requests.
     *
     * @param requests the requests
     * @return one page per request, in the order of {@code requests}
     * @since 0.2
     */
    default List<List<Activity>> timelines(List<TimelineRequest> requests) {
        List<List<Activity>> pages = new ArrayList<>(requests.size());
        for (TimelineRequest request : requests) {
            pages.add(timeline(request));
        }
        return pages;
    }

    /**
     * Counts a customer's purchase facts, as {@link PurchaseFacts} defines them.
     *
     * @param customer the customer
     * @return the facts (zeroes and empty maps for a customer without activity)
     */
    PurchaseFacts facts(CustomerId customer);

    /**
     * Counts the tenant's purchases per currency, as {@link CurrencyTotals} defines them.
     *
     * @return one row per currency with at least one order, sorted by currency code
     */
    List<CurrencyTotals> totals();

    /**
     * Deletes every interaction, order and reversal of a customer (erasure goes with the
     * customer). Parked unmatched interactions are untouched.
     *
     * @param customer the customer
     * @return how many records were deleted
     */
    long deleteCustomerActivity(CustomerId customer);
}
