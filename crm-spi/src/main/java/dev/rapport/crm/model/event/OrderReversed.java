package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.ReversalId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.ReversalKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * An order was cancelled or returned, whole or in part.
 *
 * @param id the event id
 * @param tenantId the tenant
 * @param occurredAt when it was recorded (the engine's clock)
 * @param reversalId the reversal
 * @param orderId the order it reverses
 * @param customerId the customer
 * @param kind cancellation or return
 * @param currency the currency
 * @param amount the amount reversed
 * @since 0.2
 */
public record OrderReversed(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        ReversalId reversalId,
        OrderId orderId,
        CustomerId customerId,
        ReversalKind kind,
        Currency currency,
        BigDecimal amount)
        implements CrmEvent {
    /** The stable type name. */
    public static final String TYPE = "order.reversed";

    /** Checks presence. */
    public OrderReversed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(reversalId, "reversalId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
