package dev.rapport.crm.model.activity;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of an order.
 *
 * @param number the line's number within its order, 1, 2, 3, ... in the order given
 * @param productCode the product code (SKU, stock code), 1 to 64 characters
 * @param description a description, if given, at most 500 characters
 * @param quantity how many were ordered; positive
 * @param unitPrice the price of one, at the precision it was given; zero or more
 * @param total {@code quantity x unitPrice} rounded to the currency's scale ({@link Money})
 * @param reversedQuantity how many of them were cancelled or returned since; from 0 to {@code
 *     quantity}
 * @since 0.2
 */
public record OrderLine(
        int number,
        String productCode,
        @Nullable String description,
        BigDecimal quantity,
        BigDecimal unitPrice,
        BigDecimal total,
        BigDecimal reversedQuantity) {
    /** Checks presence and the quantities. */
    public OrderLine {
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(reversedQuantity, "reversedQuantity");
        if (number < 1) {
            throw new IllegalArgumentException("line number must be at least 1, was " + number);
        }
        if (reversedQuantity.signum() < 0 || reversedQuantity.compareTo(quantity) > 0) {
            throw new IllegalArgumentException("line " + number + ": reversed quantity out of range");
        }
    }

    /** @return how many remain neither cancelled nor returned */
    public BigDecimal remainingQuantity() {
        return quantity.subtract(reversedQuantity);
    }

    /**
     * @param more how many more are reversed
     * @return a copy with them reversed
     */
    public OrderLine withReversed(BigDecimal more) {
        return new OrderLine(number, productCode, description, quantity, unitPrice, total, reversedQuantity.add(more));
    }
}
