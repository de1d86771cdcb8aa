package dev.rapport.crm.importer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.crm.model.ValidationException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvRowsTest {
    private static List<String> read(String csv, String... columns) {
        List<String> out = new ArrayList<>();
        try (CsvRows rows = CsvRows.open(new StringReader(csv), List.of(columns))) {
            for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
                StringBuilder b = new StringBuilder().append(row.line());
                for (String column : columns) {
                    b.append('|').append(row.get(column));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void cellsByColumn_withLineNumbers_emptyAndMissingCellsAbsent() {
        assertThat(read(" a , b ,c\n1,,3\n\"x\ny\",2\n\n  \n4,5,6\n", "a", "b", "c"))
                .containsExactly("2|1|null|3", "3|x\ny|2|null", "5|null|null|null", "6|null|null|null", "7|4|5|6");
    }

    @Test
    void aColumnNamedTwice_readsAsItsLastOccurrenceInTheRow() {
        assertThat(read("a,b,a\n1,2,3\n4,5\n6,7,\n", "a", "b")).containsExactly("2|3|2", "3|4|5", "4|null|7");
    }

    @Test
    void theHeader_isTrimmed_missingColumnsAreNamed_andAnEmptyFileHasNone() {
        try (CsvRows rows = CsvRows.open(new StringReader(" a ,b\n"), List.of())) {
            assertThat(rows.header()).isEqualTo(Set.of("a", "b"));
        }
        ValidationException e = catchThrowableOfType(
                ValidationException.class, () -> CsvRows.open(new StringReader("a,b\n1,2\n"), List.of("a", "c", "d")));
        assertThat(e.violations())
                .extracting(ValidationException.Violation::path)
                .containsExactly("header.c", "header.d");
        ValidationException empty =
                catchThrowableOfType(ValidationException.class, () -> CsvRows.open(new StringReader(""), List.of("a")));
        assertThat(empty.violations())
                .extracting(ValidationException.Violation::path)
                .containsExactly("header");
    }

    @Test
    void aRowWiderThanTheHeader_orBrokenQuoting_stopsTheFileNamingTheLine() {
        try (CsvRows rows = CsvRows.open(new StringReader("a,b\n1,2\n3,4,5\n6,7\n"), List.of("a"))) {
            assertThat(rows.next()).isNotNull();
            ValidationException e = catchThrowableOfType(ValidationException.class, rows::next);
            assertThat(e.violations().get(0).path()).isEqualTo("line 3");
        }
        try (CsvRows rows = CsvRows.open(new StringReader("a,b\n1,2\n\"3,4\n"), List.of("a"))) {
            assertThat(rows.next()).isNotNull();
            ValidationException e = catchThrowableOfType(ValidationException.class, rows::next);
            assertThat(e.violations().get(0).path()).startsWith("line ");
        }
    }
}
