package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.SourceRef;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order's {@code payload}, written by hand: character for character what {@link
 * CrmJson#write} writes for an {@link Order} (its record components in order, nulls left out,
 * decimals plain, instants in ISO-8601, strings escaped as Jackson escapes them), which {@code
 * OrderJsonTest} checks on seeded orders. Orders are the bulk of an import's rows, and Jackson's
 * reflective writing of them, and the string each made, were a fifth of the importing thread's
 * time and a sixth of what it allocated; here the JSON goes straight into the text being sent,
 * {@code COPY}-escaped on the way when asked. Reads stay with {@link CrmJson}.
 */
final class OrderJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OrderJson() {}

    /** @return the order's JSON */
    static String write(Order order) {
        StringBuilder out = new StringBuilder(256 + 160 * order.lines().size());
        append(out, order, false);
        return out.toString();
    }

    /**
     * Appends the order's JSON.
     *
     * @param out where to
     * @param order the order
     * @param copyText true to write it as a value of {@code COPY}'s text format ({@link CopyText}):
     *     JSON as written holds no raw newline, carriage return or tab, so only its backslashes are
     *     doubled
     */
    static void append(StringBuilder out, Order order, boolean copyText) {
        out.append("{\"id\":\"").append(order.id().value());
        out.append("\",\"version\":").append(order.version());
        out.append(",\"customerId\":\"").append(order.customerId().value());
        out.append("\",\"occurredAt\":\"").append(order.occurredAt());
        out.append("\",\"recordedAt\":\"").append(order.recordedAt());
        out.append("\",\"channel\":\"").append(order.channel().name()).append('"');
        String store = order.store();
        if (store != null) {
            out.append(",\"store\":");
            string(out, store, copyText);
        }
        out.append(",\"currency\":\"").append(order.currency().getCurrencyCode());
        out.append("\",\"lines\":[");
        List<OrderLine> lines = order.lines();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            out.append(i == 0 ? "{\"number\":" : ",{\"number\":").append(line.number());
            out.append(",\"productCode\":");
            string(out, line.productCode(), copyText);
            String description = line.description();
            if (description != null) {
                out.append(",\"description\":");
                string(out, description, copyText);
            }
            decimal(out.append(",\"quantity\":"), line.quantity());
            decimal(out.append(",\"unitPrice\":"), line.unitPrice());
            decimal(out.append(",\"total\":"), line.total());
            decimal(out.append(",\"reversedQuantity\":"), line.reversedQuantity());
            out.append('}');
        }
        decimal(out.append("],\"total\":"), order.total());
        decimal(out.append(",\"reversedTotal\":"), order.reversedTotal());
        @Nullable SourceRef source = order.source();
        if (source != null) {
            out.append(",\"source\":{\"source\":");
            string(out, source.source(), copyText);
            out.append(",\"externalId\":");
            string(out, source.externalId(), copyText);
            out.append('}');
        }
        out.append('}');
    }

    /** {@code toPlainString}, as {@code WRITE_BIGDECIMAL_AS_PLAIN} writes it. */
    private static void decimal(StringBuilder out, BigDecimal value) {
        if (value.scale() == 0 && value.precision() < 19) {
            out.append(value.longValue());
        } else {
            out.append(value.toPlainString());
        }
    }

    /**
     * A JSON string as Jackson writes it: quote and backslash escaped, control characters below
     * U+0020 as {@code \b \t \n \f \r} or as a backslash, {@code u00} and two upper-case hex
     * digits, everything else as it is.
     */
    static void string(StringBuilder out, String s, boolean copyText) {
        out.append('"');
        int from = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, from, i);
            from = i + 1;
            out.append('\\');
            if (copyText) {
                out.append('\\');
            }
            switch (c) {
                case '"' -> out.append('"');
                case '\\' -> {
                    out.append('\\');
                    if (copyText) {
                        out.append('\\');
                    }
                }
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, from, n).append('"');
    }
}
