package dev.rapport.crm.purchases;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.activity.SourceRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The command to record an order. Build one with {@link #of(CustomerId, String)}:
 *
 * <pre>{@code
 * NewOrder order = NewOrder.of(ada.id(), "GBP")
 *         .source("shop", "536365")
 *         .occurredAt(Instant.parse("2010-12-01T08:26:00Z"))
 *         .line("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", new BigDecimal("6"), new BigDecimal("2.55"))
 *         .build();
 * }</pre>
 *
 * <p>Checked when it runs, all at once: the currency must be an ISO 4217 code; 1 to {@value
 * #MAX_LINES} lines,
 * each with a product code of 1 to 64 characters, a description of at most 500, a positive
 * quantity and a unit price of zero or more (at most 18 digits before and 12 after the point);
 * store at most 200 characters. Line totals are rounded as {@link
 * dev.rapport.crm.model.activity.Money} says.
 *
 * @param customer the customer who bought
 * @param currency the ISO 4217 code, such as {@code GBP}
 * @param channel where it was placed; {@link Channel#WEB} when not given
 * @param store the store, site or till, if any
 * @param occurredAt when it was placed; the engine's clock when not given
 * @param lines the lines, numbered 1, 2, 3, ... in this order
 * @param source the source system and its order id: recording it twice returns the first order
 * @since 0.2
 */
public record NewOrder(
        CustomerId customer,
        String currency,
        Channel channel,
        @Nullable String store,
        @Nullable Instant occurredAt,
        List<Line> lines,
        @Nullable SourceRef source) {
    /**
     * The most lines an order holds.
     *
     * @since 0.3
     */
    public static final int MAX_LINES = 1000;

    /** Checks presence and copies the lines. */
    public NewOrder {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(channel, "channel");
        lines = Collections.unmodifiableList(new ArrayList<>(lines));
    }

    /**
     * One line to order.
     *
     * @param productCode the product code
     * @param description a description, if any
     * @param quantity how many; positive
     * @param unitPrice the price of one, at any precision
     */
    public record Line(String productCode, @Nullable String description, BigDecimal quantity, BigDecimal unitPrice) {
        /** Checks presence. */
        public Line {
            Objects.requireNonNull(productCode, "productCode");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(unitPrice, "unitPrice");
        }
    }

    /**
     * @param customer the customer
     * @param currency the ISO 4217 code
     * @return a builder
     */
    public static Builder of(CustomerId customer, String currency) {
        return new Builder(customer, currency);
    }

    /** Builds a {@link NewOrder}. Not thread-safe. */
    public static final class Builder {
        private final CustomerId customer;
        private final String currency;
        private Channel channel = Channel.WEB;
        private @Nullable String store;
        private @Nullable Instant occurredAt;
        private final List<Line> lines = new ArrayList<>();
        private @Nullable SourceRef source;

        private Builder(CustomerId customer, String currency) {
            this.customer = Objects.requireNonNull(customer, "customer");
            this.currency = Objects.requireNonNull(currency, "currency");
        }

        /**
         * @param where the channel
         * @return this builder
         */
        public Builder channel(Channel where) {
            this.channel = Objects.requireNonNull(where, "channel");
            return this;
        }

        /**
         * @param name the store, site or till
         * @return this builder
         */
        public Builder store(@Nullable String name) {
            this.store = name;
            return this;
        }

        /**
         * @param at when it was placed
         * @return this builder
         */
        public Builder occurredAt(@Nullable Instant at) {
            this.occurredAt = at;
            return this;
        }

        /**
         * @param productCode the product code
         * @param description a description, or null
         * @param quantity how many
         * @param unitPrice the price of one
         * @return this builder
         */
        public Builder line(
                String productCode, @Nullable String description, BigDecimal quantity, BigDecimal unitPrice) {
            lines.add(new Line(productCode, description, quantity, unitPrice));
            return this;
        }

        /**
         * @param system the source system
         * @param orderId its order id
         * @return this builder
         */
        public Builder source(String system, String orderId) {
            this.source = new SourceRef(system, orderId);
            return this;
        }

        /** @return the command */
        public NewOrder build() {
            return new NewOrder(customer, currency, channel, store, occurredAt, lines, source);
        }
    }
}
