package dev.rapport.crm.model.activity;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.ReversalId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cancellation or return of an order, whole or by line. Recorded beside the order, never
 * instead of it.
 *
 * @param id the reversal's id
 * @param orderId the order it reverses
 * @param customerId the order's customer
 * @param kind cancellation or return
 * @param occurredAt when it happened
 * @param recordedAt when Rapport recorded it
 * @param channel the order's channel
 * @param currency the order's currency
 * @param lines what it reverses, by order line
 * @param amount the sum of the lines' amounts, at the currency's scale
 * @param reason why, if given, at most 500 characters
 * @param source the source system and its id there: the idempotency key, if any
 * @since 0.2
 */
public record Reversal(
        ReversalId id,
        OrderId orderId,
        CustomerId customerId,
        ReversalKind kind,
        Instant occurredAt,
        Instant recordedAt,
        Channel channel,
        Currency currency,
        List<ReversedLine> lines,
        BigDecimal amount,
        @Nullable String reason,
        @Nullable SourceRef source)
        implements Activity {

    /** Checks presence and copies the lines. */
    public Reversal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        lines = List.copyOf(lines);
    }

    @Override
    public UUID activityId() {
        return id.value();
    }

    @Override
    public ActivityKind activityKind() {
        return ActivityKind.REVERSAL;
    }
}
