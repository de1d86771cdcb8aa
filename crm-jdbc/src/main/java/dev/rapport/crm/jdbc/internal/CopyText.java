package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.model.activity.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Rows in PostgreSQL's {@code COPY ... FROM STDIN} text format: columns separated by a tab, rows
 * ended by a newline, {@code \N} for NULL, and in values a backslash, newline, carriage return and
 * tab written as {@code \\}, {@code \n}, {@code \r} and {@code \t} (every other character stands
 * for itself, so the end marker {@code \.} cannot occur). Each value is written as the text that
 * PostgreSQL parses back to what {@link RowShape#binder} binds: ISO timestamps in UTC to the
 * microsecond and dates with {@code BC} for years before 1, plain decimals, {@code t}/{@code f}.
 */
final class CopyText {

    private CopyText() {}

    /** Appends one row, ended by a newline. */
    static void appendRow(StringBuilder out, RowShape shape, @Nullable Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            appendValue(out, shape.columns().get(i).type(), row[i]);
        }
        out.append('\n');
    }

    static void appendValue(StringBuilder out, RowShape.Type type, @Nullable Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        switch (type) {
            case UUID -> out.append((UUID) value);
            case BIGINT -> out.append((long) (Long) value);
            case TIMESTAMP -> appendTimestamp(out, (Instant) value);
            case DATE -> appendDate(out, (LocalDate) value);
            case TEXT -> appendText(out, (String) value);
            case JSON -> {
                if (value instanceof Order order) {
                    OrderJson.append(out, order, true);
                } else {
                    appendText(out, (String) value);
                }
            }
            case DECIMAL -> out.append(((BigDecimal) value).toPlainString());
            case BOOLEAN -> out.append((Boolean) value ? 't' : 'f');
        }
    }

    /**
     * Escapes backslash, newline, carriage return and tab. Most values (JSON payloads among them)
     * hold none, and are appended whole after four scans for them.
     */
    static void appendText(StringBuilder out, String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0) {
            out.append(text);
            return;
        }
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            String escaped =
                    switch (text.charAt(i)) {
                        case '\\' -> "\\\\";
                        case '\n' -> "\\n";
                        case '\r' -> "\\r";
                        case '\t' -> "\\t";
                        default -> null;
                    };
            if (escaped != null) {
                out.append(text, from, i).append(escaped);
                from = i + 1;
            }
        }
        out.append(text, from, text.length());
    }

    /** {@code yyyy-mm-dd hh:mm:ss.ffffff+00}, truncated to the microsecond as the binders do. */
    static void appendTimestamp(StringBuilder out, Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        appendYearMonthDay(out, t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        out.append(' ');
        pad(out, t.getHour(), 2);
        out.append(':');
        pad(out, t.getMinute(), 2);
        out.append(':');
        pad(out, t.getSecond(), 2);
        out.append('.');
        pad(out, t.getNano() / 1000, 6);
        out.append("+00");
        appendEra(out, t.getYear());
    }

    static void appendDate(StringBuilder out, LocalDate date) {
        appendYearMonthDay(out, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        appendEra(out, date.getYear());
    }

    /** Proleptic ISO year 0 is 1 BC, -1 is 2 BC: PostgreSQL has no year 0. */
    private static void appendYearMonthDay(StringBuilder out, int isoYear, int month, int day) {
        pad(out, isoYear > 0 ? isoYear : 1 - isoYear, 4);
        out.append('-');
        pad(out, month, 2);
        out.append('-');
        pad(out, day, 2);
    }

    private static void appendEra(StringBuilder out, int isoYear) {
        if (isoYear <= 0) {
            out.append(" BC");
        }
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
