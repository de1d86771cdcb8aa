package dev.rapport.crm.model.calendar;

import dev.rapport.crm.model.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded random calendars and inputs for the generated tests: weekly hours of several shapes
 * (office days, random intervals, overnight shifts, intervals over the small hours when clocks
 * change, 24-hour and midnight-ending intervals, a calendar open only on holidays), holidays closed
 * and partial (often on the dates clocks change), and starts near clock changes, on interval
 * boundaries or anywhere. Interval boundaries are multiples of {@code grain}.
 */
final class CalendarGenerator {
    /** A zone and the dates its inputs are drawn from. */
    record Window(ZoneId zone, LocalDate from, LocalDate to) {
        @Override
        public String toString() {
            return zone.getId();
        }
    }

    /**
     * New York, London, Lord Howe (a 30-minute shift), Kolkata (no DST, +05:30), Apia (skipped the
     * whole of 2011-12-30 going from -10:00 to +14:00, and had DST then), Casablanca (clocks go back
     * for Ramadan, on dates that move every year).
     */
    static final List<Window> WINDOWS = List.of(
            new Window(ZoneId.of("America/New_York"), LocalDate.of(2025, 10, 1), LocalDate.of(2027, 12, 31)),
            new Window(ZoneId.of("Europe/London"), LocalDate.of(2025, 10, 1), LocalDate.of(2027, 12, 31)),
            new Window(ZoneId.of("Australia/Lord_Howe"), LocalDate.of(2025, 10, 1), LocalDate.of(2027, 12, 31)),
            new Window(ZoneId.of("Asia/Kolkata"), LocalDate.of(2025, 10, 1), LocalDate.of(2027, 12, 31)),
            new Window(ZoneId.of("Pacific/Apia"), LocalDate.of(2011, 3, 1), LocalDate.of(2013, 6, 1)),
            new Window(ZoneId.of("Africa/Casablanca"), LocalDate.of(2025, 10, 1), LocalDate.of(2028, 6, 1)));

    private static final int[] CRITICAL_MINUTES = {
        0, 30, 60, 90, 120, 150, 180, 210, 240, 1320, 1350, 1380, 1410, 23 * 60 + 59
    };

    private final SplittableRandom random;
    private final Window window;
    private final long grainSeconds;

    CalendarGenerator(long seed, Window window, Duration grain) {
        this.random = new SplittableRandom(seed);
        this.window = window;
        this.grainSeconds = grain.toSeconds();
    }

    SplittableRandom random() {
        return random;
    }

    /** A valid calendar: intervals that would overlap are drawn again or left out. */
    BusinessCalendar calendar() {
        Map<DayOfWeek, List<OpeningInterval>> week = new EnumMap<>(DayOfWeek.class);
        TreeMap<LocalDate, List<OpeningInterval>> holidays = new TreeMap<>();
        int shape = random.nextInt(7);
        switch (shape) {
            case 0 -> { // office days, sometimes with a lunch break and a Saturday morning
                int open = 6 * 60 + random.nextInt(5) * 60;
                int close = open + 6 * 60 + random.nextInt(6) * 60;
                boolean lunch = random.nextBoolean();
                for (DayOfWeek d : DayOfWeek.values()) {
                    if (d.getValue() <= 5 || (d == DayOfWeek.SATURDAY && random.nextBoolean())) {
                        if (lunch) {
                            tryAdd(week, holidays, d, interval(open, 12 * 60));
                            tryAdd(week, holidays, d, interval(13 * 60, close));
                        } else {
                            tryAdd(week, holidays, d, interval(open, close));
                        }
                    }
                }
            }
            case 1, 2 -> { // random intervals on random days
                int n = 1 + random.nextInt(12);
                for (int i = 0; i < n; i++) {
                    tryAdd(week, holidays, day(), randomInterval());
                }
            }
            case 3 -> { // overnight shifts
                int start = 18 * 60 + random.nextInt(6) * 60;
                int end = random.nextInt(9) * 60;
                for (DayOfWeek d : DayOfWeek.values()) {
                    if (random.nextInt(4) != 0) {
                        tryAdd(week, holidays, d, interval(start, end));
                    }
                }
            }
            case 4 -> { // the small hours, when clocks change
                for (DayOfWeek d : DayOfWeek.values()) {
                    if (d == DayOfWeek.SUNDAY || random.nextInt(3) == 0) {
                        tryAdd(week, holidays, d, interval(pick(CRITICAL_MINUTES), pick(CRITICAL_MINUTES)));
                    }
                }
            }
            case 5 -> { // every day, whole days or to midnight
                for (DayOfWeek d : DayOfWeek.values()) {
                    tryAdd(week, holidays, d, random.nextBoolean() ? OpeningInterval.ALL_DAY : interval(minute(), 0));
                }
            }
            default -> {} // open only on holidays
        }
        int n = random.nextInt(shape == 6 ? 12 : 7);
        List<LocalDate> candidates = new ArrayList<>(transitionDates());
        for (int i = 0; i < n; i++) {
            LocalDate date = random.nextInt(3) == 0 && !candidates.isEmpty()
                    ? candidates.get(random.nextInt(candidates.size())).plusDays(random.nextInt(3) - 1)
                    : randomDate();
            if (holidays.containsKey(date)) {
                continue;
            }
            if (random.nextInt(5) < 2) {
                holidays.put(date, List.of());
            } else {
                holidays.put(date, new ArrayList<>());
                int k = 1 + random.nextInt(2);
                for (int j = 0; j < k; j++) {
                    OpeningInterval candidate = random.nextBoolean()
                            ? interval(pick(CRITICAL_MINUTES), pick(CRITICAL_MINUTES))
                            : randomInterval();
                    holidays.get(date).add(candidate);
                    if (!valid(week, holidays)) {
                        holidays.get(date).remove(holidays.get(date).size() - 1);
                    }
                }
            }
        }
        if (!valid(week, holidays)) {
            week.clear();
        }
        if (!hasHours(week, holidays)) {
            tryAdd(week, holidays, DayOfWeek.WEDNESDAY, interval(9 * 60, 17 * 60));
            if (!hasHours(week, holidays)) {
                holidays.clear();
                tryAdd(week, holidays, DayOfWeek.WEDNESDAY, interval(9 * 60, 17 * 60));
            }
        }
        return build(week, holidays);
    }

    /** A start: near a clock change, on an interval boundary, or anywhere in the window; on the grain. */
    Instant start(BusinessCalendar calendar) {
        int kind = random.nextInt(10);
        List<Instant> transitions = transitions();
        if (kind < 3 && !transitions.isEmpty()) {
            Instant t = transitions.get(random.nextInt(transitions.size()));
            return t.plusSeconds(grainSeconds * (random.nextLong(-3 * 3600, 3 * 3600 + 1) / grainSeconds));
        }
        if (kind < 6) {
            LocalDate date = randomDate();
            List<OpeningInterval> hours = calendar.hoursOn(date);
            if (!hours.isEmpty()) {
                OpeningInterval i = hours.get(random.nextInt(hours.size()));
                boolean atStart = random.nextBoolean();
                LocalTime time = atStart ? i.start() : i.end();
                LocalDate on = atStart || i.end().isAfter(i.start()) ? date : date.plusDays(1);
                ZonedDateTime z = ZonedDateTime.of(on, time, window.zone());
                z = random.nextBoolean() ? z.withLaterOffsetAtOverlap() : z;
                return z.toInstant().plusSeconds(grainSeconds * (random.nextInt(3) - 1));
            }
        }
        LocalDate date = randomDate();
        return date.atStartOfDay(window.zone())
                .toInstant()
                .plusSeconds(grainSeconds * random.nextLong(0, 86_400 / grainSeconds));
    }

    /** An elapsed span: mostly hours to weeks, sometimes months, at most {@code maxDays}; on the grain. */
    Duration span(int maxDays) {
        int kind = random.nextInt(20);
        long seconds;
        if (kind == 0) {
            seconds = 0;
        } else if (kind < 3) {
            seconds = random.nextLong(0, 86_400);
        } else if (kind < 10) {
            seconds = random.nextLong(0, 7 * 86_400L);
        } else if (kind < 17) {
            seconds = random.nextLong(0, 35 * 86_400L);
        } else {
            seconds = random.nextLong(0, 100 * 86_400L);
        }
        seconds = Math.min(seconds, maxDays * 86_400L);
        return Duration.ofSeconds(seconds / grainSeconds * grainSeconds);
    }

    /** A duration from zero to {@code max}, on the grain; zero and {@code max} itself often. */
    Duration upTo(Duration max) {
        int kind = random.nextInt(10);
        if (kind == 0 || max.isZero()) {
            return Duration.ZERO;
        }
        if (kind == 1) {
            return max;
        }
        long steps = max.toSeconds() / grainSeconds;
        return steps == 0 ? Duration.ZERO : Duration.ofSeconds(grainSeconds * random.nextLong(0, steps + 1));
    }

    List<Instant> transitions() {
        List<Instant> out = new ArrayList<>();
        Instant t = window.from().atStartOfDay(window.zone()).toInstant();
        Instant end = window.to().atStartOfDay(window.zone()).toInstant();
        for (ZoneOffsetTransition x = window.zone().getRules().nextTransition(t);
                x != null && x.getInstant().isBefore(end);
                x = window.zone().getRules().nextTransition(x.getInstant())) {
            out.add(x.getInstant());
        }
        return out;
    }

    private List<LocalDate> transitionDates() {
        List<LocalDate> out = new ArrayList<>();
        for (Instant t : transitions()) {
            out.add(LocalDate.ofInstant(t, window.zone()));
        }
        return out;
    }

    private LocalDate randomDate() {
        return window.from()
                .plusDays(random.nextLong(
                        0, window.to().toEpochDay() - window.from().toEpochDay() + 1));
    }

    private DayOfWeek day() {
        return DayOfWeek.of(1 + random.nextInt(7));
    }

    private int pick(int[] minutes) {
        int m = minutes[random.nextInt(minutes.length)];
        return (int) (m * 60L / grainSeconds * grainSeconds / 60);
    }

    /** A local time on the grain, in whole minutes of the day. */
    private int minute() {
        return (int) (random.nextLong(0, 86_400 / grainSeconds) * grainSeconds / 60);
    }

    private OpeningInterval randomInterval() {
        long start = grainSeconds * random.nextLong(0, 86_400 / grainSeconds);
        long length;
        int kind = random.nextInt(10);
        if (kind == 0) {
            length = 86_400; // 24 hours
        } else if (kind == 1) {
            length = 86_400 - start; // to midnight
        } else {
            length = grainSeconds * random.nextLong(1, (kind < 8 ? 12 * 3600 : 86_400) / grainSeconds + 1);
        }
        return OpeningInterval.of(LocalTime.ofSecondOfDay(start), LocalTime.ofSecondOfDay((start + length) % 86_400));
    }

    private static OpeningInterval interval(int startMinute, int endMinute) {
        return OpeningInterval.of(
                LocalTime.ofSecondOfDay(startMinute * 60L), LocalTime.ofSecondOfDay(endMinute * 60L % 86_400));
    }

    private void tryAdd(
            Map<DayOfWeek, List<OpeningInterval>> week,
            Map<LocalDate, List<OpeningInterval>> holidays,
            DayOfWeek day,
            OpeningInterval interval) {
        List<OpeningInterval> list = week.computeIfAbsent(day, d -> new ArrayList<>());
        list.add(interval);
        if (!valid(week, holidays)) {
            list.remove(list.size() - 1);
        }
    }

    private static boolean hasHours(
            Map<DayOfWeek, List<OpeningInterval>> week, Map<LocalDate, List<OpeningInterval>> holidays) {
        return week.values().stream().anyMatch(l -> !l.isEmpty())
                || holidays.values().stream().anyMatch(l -> !l.isEmpty());
    }

    /** Valid but for having no hours at all, which the generator mends at the end. */
    private boolean valid(Map<DayOfWeek, List<OpeningInterval>> week, Map<LocalDate, List<OpeningInterval>> holidays) {
        try {
            build(week, holidays);
            return true;
        } catch (ValidationException e) {
            return e.violations().stream().allMatch(v -> v.path().equals("hours"));
        }
    }

    private BusinessCalendar build(
            Map<DayOfWeek, List<OpeningInterval>> week, Map<LocalDate, List<OpeningInterval>> holidays) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(window.zone());
        week.forEach((d, list) -> b.hours(d, List.copyOf(list)));
        holidays.forEach((date, list) -> b.holiday(date, List.copyOf(list)));
        return b.build();
    }
}
