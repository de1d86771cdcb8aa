package dev.rapport.crm.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paged listing.
 *
 * @param items the items, in the listing's order
 * @param nextCursor an opaque cursor for the next page, or null when this is the last
 * @param <T> the item type
 * @since 0.1
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
    /** Copies the items. */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** @return the cursor for the next page, empty on the last page */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }

    /** @return true if another page may follow */
    public boolean hasNext() {
        return nextCursor != null;
    }
}
