package dev.rapport.crm.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A page request: which customers, in which order, how many, and from where.
 *
 * @param criteria the filter
 * @param sort the order
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param cursor an opaque cursor from a previous page of the same sort, or null for the first
 * @since 0.1
 */
public record CustomerQuery(
        CustomerCriteria criteria,
        CustomerSort sort,
        int limit,
        @Nullable String cursor) {
    /** The largest page size. */
    public static final int MAX_LIMIT = 1000;

    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 50;

    /** Checks presence; the engine checks the limit and cursor. */
    public CustomerQuery {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(sort, "sort");
    }

    /**
     * @param criteria the filter
     * @return the first page of {@value #DEFAULT_LIMIT} matching customers, oldest first
     */
    public static CustomerQuery where(CustomerCriteria criteria) {
        return new CustomerQuery(criteria, CustomerSort.CREATED, DEFAULT_LIMIT, null);
    }

    /** @return the first page of all customers, oldest first */
    public static CustomerQuery all() {
        return where(CustomerCriteria.all());
    }

    /** @param order the order @return a copy in that order */
    public CustomerQuery sortedBy(CustomerSort order) {
        return new CustomerQuery(criteria, order, limit, cursor);
    }

    /** @param size the page size @return a copy with that page size */
    public CustomerQuery limit(int size) {
        return new CustomerQuery(criteria, sort, size, cursor);
    }

    /** @param next a cursor from a previous page @return a copy that continues after it */
    public CustomerQuery after(@Nullable String next) {
        return new CustomerQuery(criteria, sort, limit, next);
    }
}
