package dev.rapport.crm.importer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A row, or part of one, that the import refused.
 *
 * @param line the line number in the file (the header is line 1)
 * @param column the column at fault, or null when the row as a whole was refused
 * @param reason why, without echoing the cell's content
 * @since 0.2
 */
public record Reject(long line, @Nullable String column, String reason) {
    /** Checks presence. */
    public Reject {
        Objects.requireNonNull(reason, "reason");
    }
}
