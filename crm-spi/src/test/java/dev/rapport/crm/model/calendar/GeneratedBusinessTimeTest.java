package dev.rapport.crm.model.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.model.calendar.CalendarGenerator.Window;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast arithmetic against {@link NaiveBusinessTime}, the definition stepped through time, on
 * seeded random calendars and inputs in six zones. Seed: see {@link Seeds}.
 */
class GeneratedBusinessTimeTest {
    private static final int MINUTE_CASES = 60;
    private static final int SECOND_CASES = 15;
    private static final int NANO_CASES = 12;
    private static final int YEAR_CASES = 4;

    static Stream<Arguments> minuteCases() {
        return cases(MINUTE_CASES);
    }

    static Stream<Arguments> secondCases() {
        return cases(SECOND_CASES);
    }

    static Stream<Arguments> nanoCases() {
        return cases(NANO_CASES);
    }

    static Stream<Arguments> yearCases() {
        return cases(YEAR_CASES);
    }

    private static Stream<Arguments> cases(int perZone) {
        return CalendarGenerator.WINDOWS.stream()
                .flatMap(w -> IntStream.range(0, perZone).mapToObj(i -> Arguments.of(w, i)));
    }

    /** Minute-aligned hours and inputs, spans up to 100 days, stepped minute by minute. */
    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("minuteCases")
    void minuteAligned_agreesWithMinuteStepping(Window window, int index) {
        String test = "minuteAligned";
        CalendarGenerator g = new CalendarGenerator(Seeds.of(test, window, index), window, Duration.ofMinutes(1));
        BusinessCalendar calendar = g.calendar();
        Instant a = g.start(calendar);
        Duration span = g.span(100);
        Check check = new Check(calendar, Duration.ofMinutes(1), Seeds.replay(test, window, index));
        Duration open = check.between(a, a.plus(span));
        check.plus(a, g.upTo(open), a.plus(span));
        check.nextOpen(a, a.plus(span));
        check.isOpenAt(a, a.plus(span), g.random(), 40);
    }

    /**
     * Hours on whole seconds, inputs anywhere to the nanosecond, spans up to a day, stepped second by
     * second (a second's part counts as its second does).
     */
    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("secondCases")
    void nanosecondInputs_agreeWithSecondStepping(Window window, int index) {
        String test = "nanosecondInputs";
        CalendarGenerator g = new CalendarGenerator(Seeds.of(test, window, index), window, Duration.ofSeconds(1));
        SplittableRandom r = g.random();
        BusinessCalendar calendar = g.calendar();
        Instant a = g.start(calendar).plusNanos(r.nextLong(0, 1_000_000_000L));
        Instant b = a.plus(g.span(1)).plusNanos(r.nextLong(0, 1_000_000_000L));
        Check check = new Check(calendar, Duration.ofSeconds(1), Seeds.replay(test, window, index));
        Duration open = check.between(a, b);
        long nanos = open.toNanos();
        int kind = r.nextInt(10);
        Duration d = kind == 0 ? Duration.ZERO : kind == 1 ? open : Duration.ofNanos(r.nextLong(0, nanos + 1));
        check.plus(a, d, b);
        check.plus(a, Duration.ofNanos(Math.min(nanos, 1 + r.nextInt(1000))), b);
        check.nextOpen(a, b);
        check.isOpenAt(a, b, r, 40);
    }

    /**
     * Hours with nanosecond boundaries, checked nanosecond by nanosecond in windows of 2
     * microseconds around each boundary of a few dates (around clock changes among them).
     */
    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("nanoCases")
    void nanosecondBoundaries_agreeWithNanosecondStepping(Window window, int index) {
        String test = "nanosecondBoundaries";
        SplittableRandom r = new SplittableRandom(Seeds.of(test, window, index));
        BusinessCalendar.Builder b = BusinessCalendar.builder(window.zone());
        for (DayOfWeek day : DayOfWeek.values()) {
            long from = r.nextLong(0, 12 * 3_600_000_000_000L);
            long to = from + r.nextLong(1, 12 * 3_600_000_000_000L);
            b.hours(day, List.of(OpeningInterval.of(LocalTime.ofNanoOfDay(from), LocalTime.ofNanoOfDay(to))));
        }
        CalendarGenerator g = new CalendarGenerator(r.nextLong(), window, Duration.ofSeconds(1));
        List<Instant> transitions = g.transitions();
        LocalDate date = r.nextBoolean() && !transitions.isEmpty()
                ? LocalDate.ofInstant(transitions.get(r.nextInt(transitions.size())), window.zone())
                : window.from().plusDays(r.nextInt(200));
        b.holiday(
                date.plusDays(1),
                List.of(OpeningInterval.of(
                        LocalTime.ofNanoOfDay(r.nextLong(0, 86_400_000_000_000L)), LocalTime.MIDNIGHT)));
        BusinessCalendar calendar = b.build();
        Check check = new Check(calendar, Duration.ofNanos(1), Seeds.replay(test, window, index));
        List<Instant> boundaries = new ArrayList<>();
        for (int k = -1; k <= 2; k++) {
            LocalDate on = date.plusDays(k);
            for (OpeningInterval i : calendar.hoursOn(on)) {
                boundaries.add(ZonedDateTime.of(on, i.start(), window.zone()).toInstant());
                LocalDate endDate = i.end().isAfter(i.start()) ? on : on.plusDays(1);
                boundaries.add(ZonedDateTime.of(endDate, i.end(), window.zone()).toInstant());
                boundaries.add(ZonedDateTime.of(endDate, i.end(), window.zone())
                        .withLaterOffsetAtOverlap()
                        .toInstant());
            }
        }
        for (Instant boundary : boundaries) {
            Instant from = boundary.minusNanos(1000);
            Instant to = boundary.plusNanos(1000);
            for (Instant t = from; t.isBefore(to); t = t.plusNanos(1)) {
                check.isOpen(t);
            }
            Instant a = from.plusNanos(r.nextInt(2000));
            Duration open = check.between(a, to);
            check.between(from, a);
            check.plus(a, Duration.ofNanos(r.nextLong(0, open.toNanos() + 1)), to);
            check.nextOpen(a, to);
        }
    }

    /** Hours on half hours, spans of one to three years, stepped half hour by half hour. */
    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("yearCases")
    void yearSpans_agreeWithHalfHourStepping(Window window, int index) {
        String test = "yearSpans";
        CalendarGenerator g = new CalendarGenerator(Seeds.of(test, window, index), window, Duration.ofMinutes(30));
        BusinessCalendar calendar = g.calendar();
        Instant a = g.start(calendar);
        Instant b = a.plus(Duration.ofMinutes(30).multipliedBy(g.random().nextLong(365 * 48, 3 * 366 * 48)));
        Check check = new Check(calendar, Duration.ofMinutes(30), Seeds.replay(test, window, index));
        Duration open = check.between(a, b);
        check.plus(a, g.upTo(open), b);
        check.plus(a, open, b);
        check.nextOpen(a, b);
    }

    /** The generated minute cases do contain what the comparisons are for; counts printed. */
    @Test
    void generator_coversTheAwkwardCases() {
        Map<String, Integer> seen = new TreeMap<>();
        for (Window window : CalendarGenerator.WINDOWS) {
            for (int index = 0; index < MINUTE_CASES; index++) {
                CalendarGenerator g =
                        new CalendarGenerator(Seeds.of("minuteAligned", window, index), window, Duration.ofMinutes(1));
                BusinessCalendar c = g.calendar();
                Instant a = g.start(c);
                Duration span = g.span(100);
                List<OpeningInterval> weekly =
                        c.hours().values().stream().flatMap(List::stream).toList();
                count(seen, "overnight weekly interval", weekly.stream().anyMatch(OpeningInterval::crossesMidnight));
                count(
                        seen,
                        "interval ending 24:00",
                        weekly.stream()
                                .anyMatch(i -> i.end().equals(LocalTime.MIDNIGHT)
                                        && !i.start().equals(LocalTime.MIDNIGHT)));
                count(
                        seen,
                        "24-hour interval",
                        weekly.stream().anyMatch(i -> i.length().toHours() == 24));
                count(
                        seen,
                        "several intervals on a day",
                        c.hours().values().stream().anyMatch(l -> l.size() > 1));
                count(seen, "closed holiday", c.holidays().containsValue(List.of()));
                count(seen, "partial holiday", c.holidays().values().stream().anyMatch(l -> !l.isEmpty()));
                count(seen, "open only on holidays", weekly.isEmpty());
                ZoneRules rules = window.zone().getRules();
                LocalDateTime local = LocalDateTime.ofInstant(a, window.zone());
                count(
                        seen,
                        "start in a repeated hour",
                        rules.getValidOffsets(local).size() == 2);
                ZoneOffsetTransition next = rules.nextTransition(a.minusSeconds(3600));
                count(
                        seen,
                        "start within an hour of a clock change",
                        next != null
                                && Duration.between(a, next.getInstant()).abs().toMinutes() <= 60);
                count(
                        seen,
                        "span across a clock change",
                        next != null
                                && next.getInstant().isAfter(a)
                                && next.getInstant().isBefore(a.plus(span)));
                count(seen, "span over 30 days", span.toDays() > 30);
                count(seen, "zero span", span.isZero());
                count(seen, "start open", c.isOpen(a));
            }
        }
        System.out.println("generated minute cases: " + seen);
        assertThat(seen).allSatisfy((feature, n) -> assertThat(n).as(feature).isGreaterThanOrEqualTo(3));
        assertThat(seen).hasSize(13);
    }

    private static void count(Map<String, Integer> seen, String feature, boolean present) {
        seen.merge(feature, present ? 1 : 0, Integer::sum);
    }

    /** One case's comparisons; every assertion names the case, its seed and the calendar. */
    private static final class Check {
        private final BusinessCalendar calendar;
        private final NaiveBusinessTime naive;
        private final Duration step;
        private final String context;

        Check(BusinessCalendar calendar, Duration step, String replay) {
            this.calendar = calendar;
            this.naive = new NaiveBusinessTime(calendar, step);
            this.step = step;
            this.context = replay + "\n  " + calendar;
        }

        Duration between(Instant a, Instant b) {
            Duration expected = naive.between(a, b);
            assertThat(calendar.between(a, b))
                    .as("%s\n  between(%s, %s)", context, a, b)
                    .isEqualTo(expected);
            assertThat(calendar.between(b, a))
                    .as("%s\n  between(%s, %s)", context, b, a)
                    .isEqualTo(expected.negated());
            return expected;
        }

        void plus(Instant a, Duration d, Instant limit) {
            Optional<Instant> expected = naive.plus(a, d, limit);
            assertThat(expected)
                    .as("%s\n  the reference reaches %s by %s", context, d, limit)
                    .isPresent();
            assertThat(calendar.plus(a, d))
                    .as("%s\n  plus(%s, %s)", context, a, d)
                    .isEqualTo(expected.get());
            isOpen(expected.get());
            isOpen(expected.get().minusNanos(1));
            isOpen(expected.get().minus(step));
        }

        void nextOpen(Instant a, Instant limit) {
            Optional<Instant> expected = naive.nextOpen(a, limit);
            Optional<Instant> actual = calendar.nextOpen(a);
            if (expected.isPresent()) {
                assertThat(actual).as("%s\n  nextOpen(%s)", context, a).isEqualTo(expected);
            } else if (actual.isPresent()) {
                Instant t = actual.get();
                assertThat(t)
                        .as("%s\n  nextOpen(%s), none before %s", context, a, limit)
                        .isAfterOrEqualTo(limit);
                if (Duration.between(limit, t).toDays() < 60 && step.toSeconds() >= 60) {
                    assertThat(naive.nextOpen(limit, t.plusNanos(1)))
                            .as("%s\n  nextOpen(%s), beyond %s", context, a, limit)
                            .contains(t);
                }
            }
        }

        void isOpen(Instant t) {
            assertThat(calendar.isOpen(t)).as("%s\n  isOpen(%s)", context, t).isEqualTo(naive.isOpen(t));
        }

        void isOpenAt(Instant a, Instant b, SplittableRandom r, int n) {
            isOpen(a);
            isOpen(b);
            long span = Duration.between(a, b).toNanos();
            for (int i = 0; i < n && span > 0; i++) {
                isOpen(a.plusNanos(r.nextLong(0, span)));
            }
        }
    }
}
