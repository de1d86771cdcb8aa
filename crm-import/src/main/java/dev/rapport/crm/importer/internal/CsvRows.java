package dev.rapport.crm.importer.internal;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a CSV file with a header row one row at a time (Jackson CSV), with each row's line number.
 * Rows are read as arrays of cells and looked up through the header's column positions, so no map
 * is built per row; a column named twice in the header reads as its last occurrence the row has.
 * Holds one row at a time; not thread-safe.
 */
public final class CsvRows implements AutoCloseable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvReadFeature.TRIM_SPACES)
            .enable(CsvReadFeature.EMPTY_STRING_AS_NULL)
            .enable(CsvReadFeature.WRAP_AS_ARRAY)
            .build();

    /** One row: its cells in header order, read by column name through the header's positions. */
    public static final class Row {
        private final long line;
        private final @Nullable String[] cells;
        private final Map<String, int[]> columns;

        Row(long line, @Nullable String[] cells, Map<String, int[]> columns) {
            this.line = line;
            this.cells = cells;
            this.columns = columns;
        }

        /** @return its first line in the file (the header is line 1) */
        public long line() {
            return line;
        }

        /**
         * @param column a column name
         * @return the cell, or null if empty or absent
         */
        public @Nullable String get(String column) {
            int[] at = columns.get(column);
            if (at == null) {
                return null;
            }
            for (int k = at.length - 1; k >= 0; k--) {
                if (at[k] < cells.length) {
                    String value = cells[at[k]];
                    return value == null || value.isEmpty() ? null : value;
                }
            }
            return null;
        }
    }

    private final MappingIterator<@Nullable String[]> rows;
    private final Set<String> header;
    private final Map<String, int[]> columns;
    /** The header's number of cells: a row with more is not the file's CSV. */
    private final int width;

    private CsvRows(
            MappingIterator<@Nullable String[]> rows, Set<String> header, Map<String, int[]> columns, int width) {
        this.rows = rows;
        this.header = header;
        this.columns = columns;
        this.width = width;
    }

    /**
     * Opens a file and checks its header holds the columns a mapping reads.
     *
     * @param in the CSV text
     * @param required the columns that must be in the header
     * @return the rows
     * @throws ValidationException naming each missing column, or if the header cannot be read
     */
    public static CsvRows open(Reader in, Collection<String> required) {
        MappingIterator<@Nullable String[]> rows;
        @Nullable String[] names;
        try {
            rows = MAPPER.readerFor(String[].class)
                    .with(CsvSchema.emptySchema())
                    .readValues(in);
            if (!rows.hasNextValue()) {
                throw ValidationException.of("header", "the file is empty: it has no header row");
            }
            names = rows.nextValue();
        } catch (JacksonIOException e) {
            throw unreadable(e);
        } catch (JacksonException e) {
            throw ValidationException.of("header", "the header row cannot be read as CSV");
        }
        Set<String> header = new LinkedHashSet<>();
        Map<String, int[]> columns = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i] == null ? "" : names[i];
            header.add(name);
            int[] before = columns.get(name);
            int[] at = before == null ? new int[1] : Arrays.copyOf(before, before.length + 1);
            at[at.length - 1] = i;
            columns.put(name, at);
        }
        List<Violation> missing = new ArrayList<>();
        for (String column : required) {
            if (!header.contains(column)) {
                missing.add(new Violation("header." + column, "no such column in the file"));
            }
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(missing);
        }
        return new CsvRows(rows, header, columns, names.length);
    }

    /** The reader failed: not a fault of the file's form, so not a {@link ValidationException}. */
    private static UncheckedIOException unreadable(JacksonIOException e) {
        IOException cause = e.getCause();
        return new UncheckedIOException(
                "the file could not be read", cause != null ? cause : new IOException(e.getMessage(), e));
    }

    /** @return the columns of the header */
    public Set<String> header() {
        return header;
    }

    /**
     * @return the next row, or null at the end
     * @throws ValidationException (path {@code line N}) if the file is not well-formed CSV from
     *     there on, or a row has more cells than the header has columns; what was read before
     *     stays read
     */
    public @Nullable Row next() {
        long line = 0;
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            line = rows.currentLocation().getLineNr();
            @Nullable String[] cells = rows.nextValue();
            if (cells.length > width) {
                throw ValidationException.of("line " + line, "the file is not well-formed CSV from here on");
            }
            return new Row(line, cells, columns);
        } catch (JacksonIOException e) {
            throw unreadable(e);
        } catch (JacksonException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            throw ValidationException.of("line " + at, "the file is not well-formed CSV from here on");
        }
    }

    @Override
    public void close() {
        rows.close();
    }
}
