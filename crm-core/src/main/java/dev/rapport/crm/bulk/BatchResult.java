package dev.rapport.crm.bulk;

import java.util.List;
import java.util.Objects;

/**
 * The results of one bulk write, one per item in the batch's order.
 *
 * @param items the results
 * @param <T> the record type
 * @since 0.2
 */
public record BatchResult<T>(List<BatchItem<T>> items) {
    /** Copies the items. */
    public BatchResult {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /**
     * @param outcome an outcome
     * @return how many items had it
     */
    public long count(BatchOutcome outcome) {
        return items.stream().filter(i -> i.outcome() == outcome).count();
    }

    /**
     * @param index an item's position
     * @return its result
     */
    public BatchItem<T> get(int index) {
        return items.get(index);
    }
}
