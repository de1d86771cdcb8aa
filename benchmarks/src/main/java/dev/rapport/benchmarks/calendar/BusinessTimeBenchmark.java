package dev.rapport.benchmarks.calendar;

import dev.rapport.crm.model.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Business-time arithmetic on a London office calendar ({@link #calendar()}: weekdays 09:00-12:30
 * and 13:30-17:30, 8 hours a day, with the bank holidays of 2026 and 2027 and a half day on
 * Christmas Eve, two DST changes a year): {@code plus} of a day (8 h), a month (22 business days,
 * 176 h) and a year (250 business days, 2,000 h) of business time, and {@code between} over an
 * elapsed day, 30 days and 365 days, from starts spread over 2026 (minute-aligned, cycled so no
 * two calls in a row are alike). Rapport's {@link BusinessCalendar} beside {@link
 * NaiveBusinessTime}, which steps minute by minute. Target: at least 100x faster for spans over a
 * month.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BusinessTimeBenchmark {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final int STARTS = 64;

    /** The benchmark's calendar. */
    static BusinessCalendar calendar() {
        BusinessCalendar.Builder b = BusinessCalendar.builder(LONDON).weekdays("09:00-12:30", "13:30-17:30");
        for (String closed : new String[] {
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
            "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
            "2027-12-27", "2027-12-28"
        }) {
            b.closed(LocalDate.parse(closed));
        }
        b.holiday(LocalDate.parse("2026-12-24"), "09:00-13:00");
        b.holiday(LocalDate.parse("2027-12-24"), "09:00-13:00");
        return b.build();
    }

    /** Starts spread over 2026 on whole minutes, some inside opening hours, some outside. */
    static Instant[] starts(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Instant[] starts = new Instant[STARTS];
        for (int i = 0; i < STARTS; i++) {
            starts[i] = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, LONDON)
                    .plusDays(r.nextInt(365))
                    .plusMinutes(r.nextInt(24 * 60))
                    .toInstant();
        }
        return starts;
    }

    /** The span measured: the business time given to plus and the elapsed time given to between. */
    public enum Span {
        DAY(Duration.ofHours(8), Duration.ofDays(1)),
        MONTH(Duration.ofHours(8 * 22), Duration.ofDays(30)),
        YEAR(Duration.ofHours(8 * 250), Duration.ofDays(365));

        final Duration businessTime;
        final Duration elapsed;

        Span(Duration businessTime, Duration elapsed) {
            this.businessTime = businessTime;
            this.elapsed = elapsed;
        }
    }

    /** The calendar, both sides and the starts; each thread cycles through the starts. */
    @State(Scope.Thread)
    public static class Data {
        @Param({"DAY", "MONTH", "YEAR"})
        public Span span;

        BusinessCalendar rapport;
        NaiveBusinessTime baseline;
        Instant[] starts;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            rapport = calendar();
            baseline = new NaiveBusinessTime(rapport, Duration.ofMinutes(1));
            starts = starts(2026);
            // Both sides must agree before anything is timed.
            for (int i = 0; i < 4; i++) {
                Instant a = starts[i];
                Instant limit = a.plus(Duration.ofDays(800));
                if (!rapport.plus(a, span.businessTime)
                                .equals(baseline.plus(a, span.businessTime, limit)
                                        .orElseThrow())
                        || !rapport.between(a, a.plus(span.elapsed))
                                .equals(baseline.between(a, a.plus(span.elapsed)))) {
                    throw new IllegalStateException("the baseline disagrees with Rapport from " + a);
                }
            }
        }

        Instant start() {
            Instant a = starts[next];
            next = (next + 1) % STARTS;
            return a;
        }
    }

    @Benchmark
    public Instant plus_rapport(Data d) {
        return d.rapport.plus(d.start(), d.span.businessTime);
    }

    @Benchmark
    public Instant plus_baseline(Data d) {
        Instant a = d.start();
        return d.baseline
                .plus(a, d.span.businessTime, a.plus(Duration.ofDays(800)))
                .orElseThrow();
    }

    @Benchmark
    public Duration between_rapport(Data d) {
        Instant a = d.start();
        return d.rapport.between(a, a.plus(d.span.elapsed));
    }

    @Benchmark
    public Duration between_baseline(Data d) {
        Instant a = d.start();
        return d.baseline.between(a, a.plus(d.span.elapsed));
    }
}
