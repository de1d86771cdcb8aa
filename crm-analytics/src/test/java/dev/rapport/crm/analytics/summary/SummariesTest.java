package dev.rapport.crm.analytics.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.Purchase;
import dev.rapport.crm.analytics.TimeUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SummariesTest {
    private static Purchase p(String id, String date, String amount) {
        return Purchase.of(id, LocalDate.parse(date), new BigDecimal(amount));
    }

    @Test
    void summarize_collapsesSamePeriodAndSumsAmounts() {
        List<Purchase> in = List.of(
                p("a", "2024-01-01", "10"),
                p("a", "2024-01-01", "5"),
                p("a", "2024-01-15", "20"),
                p("a", "2024-01-15", "4"),
                p("a", "2024-01-29", "6"));
        CustomerSummary s = Summaries.summarize(
                        in.iterator(), SummarySpec.of(LocalDate.parse("2024-02-05"), TimeUnit.WEEK), InputOrder.ANY)
                .findFirst()
                .orElseThrow();
        assertThat(s.frequency()).isEqualTo(2);
        assertThat(s.recency()).isEqualTo(4.0);
        assertThat(s.age()).isEqualTo(5.0);
        assertThat(s.meanRepeatValue()).isEqualTo(15.0);
        assertThat(s.totalValue()).isEqualByComparingTo("45");
        assertThat(s.timeSinceLastPurchase()).isEqualTo(1.0);
    }

    @Test
    void summarize_weeklyPeriods_countsDistinctIsoWeeks() {
        // Mon 2024-01-01 and Sun 2024-01-07 are the same ISO week; Mon 2024-01-08 is the next.
        List<Purchase> in = List.of(p("a", "2024-01-01", "1"), p("a", "2024-01-07", "1"), p("a", "2024-01-08", "1"));
        CustomerSummary s = Summaries.summarize(
                        in.iterator(),
                        SummarySpec.of(LocalDate.parse("2024-01-31"), TimeUnit.WEEK)
                                .withPeriod(TimeUnit.WEEK),
                        InputOrder.ANY)
                .findFirst()
                .orElseThrow();
        assertThat(s.frequency()).isEqualTo(1);
        assertThat(s.recency()).isEqualTo(1.0);
        assertThat(s.age()).isEqualTo(4.0); // 2024-01-29 is the Monday of the end's week
    }

    @Test
    void summarize_monthUnit_measuresCalendarMonths() {
        List<Purchase> in = List.of(p("a", "2024-01-31", "1"), p("a", "2024-03-15", "1"));
        CustomerSummary s = Summaries.summarize(
                        in.iterator(),
                        SummarySpec.of(LocalDate.parse("2024-06-30"), TimeUnit.MONTH)
                                .withPeriod(TimeUnit.MONTH),
                        InputOrder.ANY)
                .findFirst()
                .orElseThrow();
        assertThat(s.frequency()).isEqualTo(1);
        assertThat(s.recency()).isEqualTo(2.0);
        assertThat(s.age()).isEqualTo(5.0);
        assertThat(s.unit()).isEqualTo(TimeUnit.MONTH);
    }

    @Test
    void summarize_ignoresPurchasesAfterTheEndAndCustomersFirstSeenAfterIt() {
        List<Purchase> in = List.of(p("a", "2024-01-01", "1"), p("a", "2024-03-01", "9"), p("b", "2024-03-01", "1"));
        List<CustomerSummary> s = Summaries.summarize(
                        in.iterator(),
                        SummarySpec.of(LocalDate.parse("2024-02-01"), TimeUnit.DAY),
                        InputOrder.SORTED_BY_CUSTOMER)
                .collect(Collectors.toList());
        assertThat(s).hasSize(1);
        assertThat(s.get(0).frequency()).isZero();
        assertThat(s.get(0).age()).isEqualTo(31.0);
    }

    @Test
    void summarize_sortedInputOutOfOrder_failsNamingTheIds() {
        List<Purchase> in = List.of(p("b", "2024-01-01", "1"), p("a", "2024-01-02", "1"));
        assertThatThrownBy(() -> Summaries.summarize(
                                in.iterator(),
                                SummarySpec.of(LocalDate.parse("2024-02-01"), TimeUnit.DAY),
                                InputOrder.SORTED_BY_CUSTOMER)
                        .count())
                .isInstanceOf(AnalyticsException.class)
                .hasMessageContaining("customer a comes after customer b");
    }

    @Test
    void summarize_sortedInput_streamsWithoutReadingAhead() {
        // An endless sorted source: the first summary is produced after reading one customer.
        Iterator<Purchase> endless = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Purchase next() {
                if (i == Integer.MAX_VALUE) {
                    throw new NoSuchElementException();
                }
                int n = i++;
                return p(String.format("c%09d", n / 3), "2024-01-0" + (1 + n % 3), "1");
            }
        };
        List<CustomerSummary> first = Summaries.summarize(
                        endless,
                        SummarySpec.of(LocalDate.parse("2024-01-31"), TimeUnit.DAY),
                        InputOrder.SORTED_BY_CUSTOMER)
                .limit(1000)
                .collect(Collectors.toList());
        assertThat(first).hasSize(1000);
        assertThat(first.get(999).frequency()).isEqualTo(2);
    }

    @Test
    void customerSummary_rejectsRecencyBeyondAge() {
        assertThatThrownBy(() -> CustomerSummary.of("x", TimeUnit.WEEK, 1, 5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recency");
        assertThatThrownBy(() -> CustomerSummary.of("x", TimeUnit.WEEK, 0, 1, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void purchase_rejectsNegativeAmount() {
        assertThatThrownBy(() -> p("a", "2024-01-01", "-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeUnit_betweenAndConvert() {
        assertThat(TimeUnit.WEEK.between(LocalDate.parse("1997-01-01"), LocalDate.parse("1997-09-30")))
                .isCloseTo(38.857, within(0.001));
        assertThat(TimeUnit.MONTH.between(LocalDate.parse("2024-01-15"), LocalDate.parse("2024-02-29")))
                .isCloseTo(1 + 14.0 / 29, within(1e-12));
        assertThat(TimeUnit.WEEK.convert(14, TimeUnit.DAY)).isEqualTo(2.0);
        assertThat(TimeUnit.ofDays(7)).isEqualTo(TimeUnit.WEEK);
        assertThat(TimeUnit.of(java.time.Duration.ofDays(14)).toString()).isEqualTo("14 days");
        assertThatThrownBy(() -> TimeUnit.of(java.time.Duration.ofHours(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
