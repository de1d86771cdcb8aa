package dev.rapport.crm.spi;

import dev.rapport.crm.model.CustomerId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The position of a customer in a sorted listing: a page continues strictly after it. Exactly
 * the field of the listing's order is set: {@code createdAt} for {@code CREATED}, {@code sortName}
 * for {@code NAME}; the engine never mixes them.
 *
 * @param createdAt the customer's creation time, for {@link dev.rapport.crm.query.CustomerSort#CREATED}
 * @param sortName the lower-cased display name, for {@link dev.rapport.crm.query.CustomerSort#NAME}
 * @param id the customer's id, the tie-breaker of every order
 * @since 0.1
 */
public record SortKey(@Nullable Instant createdAt, @Nullable String sortName, CustomerId id) {
    /** Checks presence of the id. */
    public SortKey {
        Objects.requireNonNull(id, "id");
    }
}
