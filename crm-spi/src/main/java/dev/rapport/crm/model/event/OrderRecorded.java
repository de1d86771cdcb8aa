package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * An order was recorded.
 *
 * @param id the event id
 * @param tenantId the tenant
 * @param occurredAt when it was recorded (the engine's clock)
 * @param orderId the order
 * @param customerId the customer
 * @param currency the currency
 * @param total the order total
 * @since 0.2
 */
public record OrderRecorded(
        EventId id,
        TenantId tenantId,
        Instant occurredAt,
        OrderId orderId,
        CustomerId customerId,
        Currency currency,
        BigDecimal total)
        implements CrmEvent {
    /** The stable type name. */
    public static final String TYPE = "order.recorded";

    /** Checks presence. */
    public OrderRecorded {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
