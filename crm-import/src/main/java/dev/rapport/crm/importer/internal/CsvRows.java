package dev.rapport.crm.importer.internal;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a CSV file with a header row one row at a time (Jackson CSV), with each row's line number.
 * Holds one row at a time; not thread-safe.
 */
public final class CsvRows implements AutoCloseable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvReadFeature.TRIM_SPACES)
            .enable(CsvReadFeature.EMPTY_STRING_AS_NULL)
            .build();

    /**
     * One row.
     *
     * @param line its first line in the file (the header is line 1)
     * @param cells its cells by column name; an empty cell is absent
     */
    public record Row(long line, Map<String, String> cells) {
        /**
         * @param column a column name
         * @return the cell, or null if empty or absent
         */
        public @Nullable String get(String column) {
            String value = cells.get(column);
            return value == null || value.isEmpty() ? null : value;
        }
    }

    private final MappingIterator<Map<String, String>> rows;
    private final Set<String> header;

    private CsvRows(MappingIterator<Map<String, String>> rows, Set<String> header) {
        this.rows = rows;
        this.header = header;
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
        MappingIterator<Map<String, String>> rows;
        try {
            rows = MAPPER.readerFor(Map.class)
                    .with(CsvSchema.emptySchema().withHeader())
                    .readValues(in);
            rows.hasNextValue();
        } catch (JacksonException e) {
            throw ValidationException.of("header", "the header row cannot be read as CSV");
        }
        CsvSchema schema = (CsvSchema) rows.parser().getSchema();
        Set<String> header = new java.util.LinkedHashSet<>();
        for (CsvSchema.Column c : schema) {
            header.add(c.getName());
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
        return new CsvRows(rows, header);
    }

    /** @return the columns of the header */
    public Set<String> header() {
        return header;
    }

    /**
     * @return the next row, or null at the end
     * @throws ValidationException (path {@code line N}) if the file is not well-formed CSV from
     *     there on; what was read before stays read
     */
    public @Nullable Row next() {
        long line = 0;
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            line = rows.currentLocation().getLineNr();
            return new Row(line, rows.nextValue());
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
