package dev.rapport.crm.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The text of an event's time on PostgreSQL, written by hand for speed, against the same fields
 * put through {@code String.format}, for seeded instants from 5000 BC to 12000 AD and the edges.
 */
class PostgreSqlTimestampTextTest {
    private static String formatted(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        int year = t.getYear();
        String text = String.format(
                Locale.ROOT,
                "%04d-%02d-%02d %02d:%02d:%02d.%06d+00",
                year > 0 ? year : 1 - year,
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond(),
                t.getNano() / 1000);
        return year > 0 ? text : text + " BC";
    }

    @Test
    void seededInstants_readAsStringFormatWritesThem() {
        long from = Instant.parse("-5000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("+12000-12-31T23:59:59Z").getEpochSecond();
        SplittableRandom r = new SplittableRandom(20261202L);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(r.nextLong(from, to), r.nextInt(1_000_000_000));
            assertThat(PostgreSqlDialect.timestampText(instant))
                    .as("%s", instant)
                    .isEqualTo(formatted(instant));
        }
        for (String edge : new String[] {
            "0000-12-31T23:59:59.999999999Z",
            "0001-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z"
        }) {
            Instant instant = Instant.parse(edge);
            assertThat(PostgreSqlDialect.timestampText(instant)).as(edge).isEqualTo(formatted(instant));
        }
        assertThat(PostgreSqlDialect.timestampText(Instant.parse("2011-02-03T04:05:06.000007890Z")))
                .isEqualTo("2011-02-03 04:05:06.000007+00");
    }
}
