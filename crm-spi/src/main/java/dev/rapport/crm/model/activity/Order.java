package dev.rapport.crm.model.activity;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.OrderId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A purchase: an order of one or more lines in one currency. Cancellations and returns never
 * delete or edit what was ordered; each is recorded as a {@link Reversal}, and the order keeps how
 * much was reversed ({@link #reversedTotal}, per line {@link OrderLine#reversedQuantity}), raising
 * its version.
 *
 * @param id the order's id
 * @param version 1 when recorded, raised by each reversal
 * @param customerId the customer who bought
 * @param occurredAt when it was placed
 * @param recordedAt when Rapport recorded it
 * @param channel where it was placed ({@link Channel#WEB} online, {@link Channel#IN_PERSON} in a shop, ...)
 * @param store the store, site or till, if given
 * @param currency the ISO 4217 currency of every amount
 * @param lines the lines, numbered from 1
 * @param total the sum of the line totals, at the currency's scale
 * @param reversedTotal the sum of the amounts of its reversals, at the currency's scale
 * @param source the source system and its order id: the idempotency key, if any
 * @since 0.2
 */
public record Order(
        OrderId id,
        long version,
        CustomerId customerId,
        Instant occurredAt,
        Instant recordedAt,
        Channel channel,
        @Nullable String store,
        Currency currency,
        List<OrderLine> lines,
        BigDecimal total,
        BigDecimal reversedTotal,
        @Nullable SourceRef source)
        implements Activity {

    /** Checks presence and copies the lines. */
    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(reversedTotal, "reversedTotal");
        lines = List.copyOf(lines);
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }

    @Override
    public UUID activityId() {
        return id.value();
    }

    @Override
    public ActivityKind activityKind() {
        return ActivityKind.ORDER;
    }

    /** @return {@code total - reversedTotal}: what the order is worth after cancellations and returns */
    public BigDecimal netTotal() {
        return total.subtract(reversedTotal);
    }

    /**
     * An order counts as a purchase unless every unit of every line was cancelled or returned.
     *
     * @return true if nothing remains of it
     */
    public boolean fullyReversed() {
        for (OrderLine line : lines) {
            if (line.remainingQuantity().signum() > 0) {
                return false;
            }
        }
        return true;
    }
}
