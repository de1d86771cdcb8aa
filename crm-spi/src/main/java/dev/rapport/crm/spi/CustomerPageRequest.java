package dev.rapport.crm.spi;

import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerSort;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a store is asked for when listing: criteria already checked and converted by the engine
 * (attribute values have their defined types, tags are normalised), the order, how many, and the
 * decoded position to continue after.
 *
 * @param criteria the filter
 * @param sort the order
 * @param limit the most items to return, at least 1
 * @param after continue strictly after this position; null for the first page
 * @since 0.1
 */
public record CustomerPageRequest(
        CustomerCriteria criteria,
        CustomerSort sort,
        int limit,
        @Nullable SortKey after) {
    /** Checks presence and the limit. */
    public CustomerPageRequest {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(sort, "sort");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
