package dev.rapport.crm.model.activity;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A line of a reversal: how many units of one order line were cancelled or returned, and what
 * they were worth.
 *
 * @param lineNumber the order line's number
 * @param quantity how many units; positive, at most what remained of the line
 * @param amount {@code quantity x unitPrice} of the order line, rounded to the currency's scale
 *     ({@link Money}); when this reversal takes the last units of the line, the rest of the line's
 *     total instead, so that a wholly reversed line nets to exactly zero
 * @since 0.2
 */
public record ReversedLine(int lineNumber, BigDecimal quantity, BigDecimal amount) {
    /** Checks presence. */
    public ReversedLine {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(amount, "amount");
        if (lineNumber < 1) {
            throw new IllegalArgumentException("line number must be at least 1, was " + lineNumber);
        }
    }
}
