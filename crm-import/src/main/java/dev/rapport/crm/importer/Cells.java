package dev.rapport.crm.importer;

import dev.rapport.crm.importer.internal.CsvRows.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Parses cells, reporting refusals with the row's line and the column. */
final class Cells {
    private final Row row;
    private final RejectSink rejects;
    private boolean refused;

    Cells(Row row, RejectSink rejects) {
        this.row = row;
        this.rejects = rejects;
    }

    boolean refused() {
        return refused;
    }

    void refuse(@Nullable String column, String reason) {
        refused = true;
        rejects.reject(new Reject(row.line(), column, reason));
    }

    @Nullable
    String optional(@Nullable String column) {
        return column == null ? null : row.get(column);
    }

    @Nullable
    String required(String column, String reason) {
        String value = row.get(column);
        if (value == null || value.isBlank()) {
            refuse(column, reason);
            return null;
        }
        return value;
    }

    @Nullable
    BigDecimal number(String column) {
        String text = required(column, "is empty");
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            refuse(column, "is not a number");
            return null;
        }
    }

    /**
     * The last date-time text an import parsed and its instant: the rows of one order, which come
     * together, share theirs. Not thread-safe; one per import.
     */
    static final class LastInstant {
        private @Nullable String text;
        private @Nullable Instant instant;
    }

    /** As {@link #instant(String, DateTimeFormatter, ZoneId)}, reusing the last instant for the same text. */
    @Nullable
    Instant instant(String column, @Nullable DateTimeFormatter format, ZoneId zone, LastInstant last) {
        String text = row.get(column);
        if (text != null && text.equals(last.text)) {
            return last.instant;
        }
        Instant parsed = instant(column, format, zone);
        if (parsed != null) {
            last.text = text;
            last.instant = parsed;
        }
        return parsed;
    }

    @Nullable
    Instant instant(String column, @Nullable DateTimeFormatter format, ZoneId zone) {
        String text = required(column, "is empty");
        if (text == null) {
            return null;
        }
        try {
            if (format != null) {
                return LocalDateTime.parse(text, format).atZone(zone).toInstant();
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException noOffset) {
                    return LocalDateTime.parse(text).atZone(zone).toInstant();
                }
            }
        } catch (DateTimeParseException e) {
            refuse(column, "is not a date-time in the expected format");
            return null;
        }
    }
}
