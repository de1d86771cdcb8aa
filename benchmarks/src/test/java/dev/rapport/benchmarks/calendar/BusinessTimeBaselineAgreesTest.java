package dev.rapport.benchmarks.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.model.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The benchmark's minute-stepping baseline gives Rapport's answers on the benchmark's inputs (no timing). */
class BusinessTimeBaselineAgreesTest {
    @Test
    void plusAndBetween_agreeForEverySpanAndStart() {
        BusinessCalendar calendar = BusinessTimeBenchmark.calendar();
        NaiveBusinessTime naive = new NaiveBusinessTime(calendar, Duration.ofMinutes(1));
        Instant[] starts = BusinessTimeBenchmark.starts(2026);
        for (BusinessTimeBenchmark.Span span : BusinessTimeBenchmark.Span.values()) {
            // Every start for the day and month spans; the year span steps half a million minutes a
            // call, so a few of them.
            int n = span == BusinessTimeBenchmark.Span.YEAR ? 3 : starts.length;
            for (int i = 0; i < n; i++) {
                Instant a = starts[i];
                assertThat(calendar.plus(a, span.businessTime))
                        .as("%s plus from %s", span, a)
                        .isEqualTo(naive.plus(a, span.businessTime, a.plus(Duration.ofDays(800)))
                                .orElseThrow());
                assertThat(calendar.between(a, a.plus(span.elapsed)))
                        .as("%s between from %s", span, a)
                        .isEqualTo(naive.between(a, a.plus(span.elapsed)));
            }
        }
        // The spans are what they say: 22 business days of 8 hours take about a month.
        Instant a = starts[0];
        assertThat(Duration.between(a, calendar.plus(a, BusinessTimeBenchmark.Span.MONTH.businessTime))
                        .toDays())
                .isBetween(28L, 35L);
    }
}
