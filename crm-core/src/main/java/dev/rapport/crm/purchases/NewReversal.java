package dev.rapport.crm.purchases;

import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.ReversalKind;
import dev.rapport.crm.model.activity.SourceRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The command to cancel or return an order, whole or by line:
 *
 * <pre>{@code
 * crm.purchases().reverse(NewReversal.of(ReversalKind.CANCELLATION, order.id()).build());   // all that remains
 * crm.purchases().reverse(NewReversal.of(ReversalKind.RETURN, order.id())
 *         .line(2, BigDecimal.ONE).reason("damaged").source("shop", "C536379").build());
 * }</pre>
 *
 * <p>Checked when it runs: each line number must exist on the order and appear once, each quantity
 * must be positive and at most what remains of that line; with no lines, everything that remains
 * is reversed, and an order with nothing left is refused with a {@link
 * dev.rapport.crm.model.ConflictException}. Reason at most 500 characters.
 *
 * @param order the order
 * @param kind cancellation or return
 * @param occurredAt when it happened; the engine's clock when not given
 * @param lines what to reverse; empty for everything that remains
 * @param reason why, if given
 * @param source the source system and its id: recording it twice returns the first reversal
 * @since 0.2
 */
public record NewReversal(
        OrderId order,
        ReversalKind kind,
        @Nullable Instant occurredAt,
        List<Line> lines,
        @Nullable String reason,
        @Nullable SourceRef source) {

    /** Checks presence and copies the lines. */
    public NewReversal {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(kind, "kind");
        lines = Collections.unmodifiableList(new ArrayList<>(lines));
    }

    /**
     * Units of one order line to reverse.
     *
     * @param lineNumber the order line's number
     * @param quantity how many units
     */
    public record Line(int lineNumber, BigDecimal quantity) {
        /** Checks presence. */
        public Line {
            Objects.requireNonNull(quantity, "quantity");
        }
    }

    /**
     * @param kind cancellation or return
     * @param order the order
     * @return a builder
     */
    public static Builder of(ReversalKind kind, OrderId order) {
        return new Builder(kind, order);
    }

    /** Builds a {@link NewReversal}. Not thread-safe. */
    public static final class Builder {
        private final ReversalKind kind;
        private final OrderId order;
        private @Nullable Instant occurredAt;
        private final List<Line> lines = new ArrayList<>();
        private @Nullable String reason;
        private @Nullable SourceRef source;

        private Builder(ReversalKind kind, OrderId order) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.order = Objects.requireNonNull(order, "order");
        }

        /**
         * @param at when it happened
         * @return this builder
         */
        public Builder occurredAt(@Nullable Instant at) {
            this.occurredAt = at;
            return this;
        }

        /**
         * @param lineNumber the order line
         * @param quantity how many units of it
         * @return this builder
         */
        public Builder line(int lineNumber, BigDecimal quantity) {
            lines.add(new Line(lineNumber, quantity));
            return this;
        }

        /**
         * @param why the reason
         * @return this builder
         */
        public Builder reason(@Nullable String why) {
            this.reason = why;
            return this;
        }

        /**
         * @param system the source system
         * @param id the id there
         * @return this builder
         */
        public Builder source(String system, String id) {
            this.source = new SourceRef(system, id);
            return this;
        }

        /** @return the command */
        public NewReversal build() {
            return new NewReversal(order, kind, occurredAt, lines, reason, source);
        }
    }
}
