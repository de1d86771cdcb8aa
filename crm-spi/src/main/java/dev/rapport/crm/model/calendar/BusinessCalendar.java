package dev.rapport.crm.model.calendar;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * When a business is open, and how much open ("business") time lies between two instants: a time
 * zone, weekly opening hours and holidays. Service-level targets in business time are {@link
 * #plus(Instant, Duration)}; targets in calendar time need no calendar ({@code start.plus(d)}).
 *
 * <pre>{@code
 * BusinessCalendar london = BusinessCalendar.builder("Europe/London")
 *         .weekdays("09:00-12:00", "13:00-17:00")
 *         .hours(DayOfWeek.SATURDAY, "10:00-14:00")
 *         .closed(LocalDate.of(2026, 12, 25))
 *         .holiday(LocalDate.of(2026, 12, 24), "09:00-13:00")
 *         .build();
 * Instant due = london.plus(openedAt, Duration.ofHours(8));
 * }</pre>
 *
 * <h2>Which instants are open</h2>
 *
 * <ol>
 *   <li>Every local date {@code D} has its <em>hours</em>, a list of {@link OpeningInterval}s:
 *       the date's entry in {@link #holidays()} if it has one (an empty list for a day closed
 *       throughout, or the intervals of a partial day), otherwise the weekly {@link
 *       #hours(DayOfWeek)} of its day of the week. A holiday replaces the weekly hours of its date
 *       whole.
 *   <li>An interval {@code [start, end)} of {@code D}'s hours covers the local date-times from
 *       {@code D} at {@code start} for the interval's {@linkplain OpeningInterval#length()
 *       length}: to {@code end} on {@code D}, to midnight for an end of {@code 24:00}, or, for an
 *       overnight interval, to {@code end} on the next date. The interval <em>belongs to the date
 *       it starts on</em>: a holiday on {@code D} removes {@code D}'s overnight interval whole
 *       (also its hours after midnight), and a holiday on the next date leaves it alone (Friday
 *       22:00-02:00 is open until 02:00 on Saturday even when that Saturday is a holiday; a
 *       holiday replaces only the intervals that start on it). No two intervals ever cover the
 *       same local date-time: {@link Builder#build()} refuses overlaps, also across midnight and
 *       between a holiday and the dates beside it.
 *   <li>An instant is <em>open</em> when its local date-time in {@link #zone()} ({@code
 *       LocalDateTime.ofInstant(instant, zone)}) is covered by an interval. That is the whole
 *       rule; what it means around daylight saving changes:
 *       <ul>
 *         <li><b>Gaps.</b> Local date-times skipped when clocks go forward are the local time of
 *             no instant, so they are never open. An interval spanning a gap is shorter in real
 *             time (New York on 2026-03-08, 01:00-04:00 is open 2 hours), and an interval inside
 *             a gap is not open at all.
 *         <li><b>Overlaps.</b> Local date-times repeated when clocks go back are open both
 *             times, so an interval spanning the repeated hour is longer in real time (New York
 *             on 2026-11-01, 00:00-03:00 is open 4 hours). An interval that <em>ends</em> inside
 *             the repeated hour closes when its end first passes, opens again when the clocks go
 *             back into it, and closes when its end passes the second time: 00:00-01:30 on
 *             2026-11-01 in New York is open 00:00-01:30 EDT and again 01:00-01:30 EST, 2 hours in
 *             two pieces. Likewise one that <em>starts</em> inside it: 01:30-03:00 is open
 *             01:30-02:00 EDT and 01:30-03:00 EST, 2 hours.
 *       </ul>
 * </ol>
 *
 * <p><b>Business time</b> between two instants is the length of the open instants among them,
 * exact to the nanosecond. A calendar where every local time is open ({@link #alwaysOpen(ZoneId)})
 * is open at every instant, so its business time is elapsed time, across daylight saving changes
 * too.
 *
 * <h2>Limits</h2>
 *
 * The arithmetic covers spans of at most {@link #MAX_SPAN} (100 years of 365.25 days): {@link
 * #between} refuses longer spans, and {@link #plus} and {@link #nextOpen} look no further ahead
 * than that ({@code plus} then throws, {@code nextOpen} is empty). A calendar with no hours on any
 * day of the week or holiday is refused at {@link Builder#build()}; one open only on holidays is
 * allowed, and after its last holiday {@code nextOpen} is empty. Instants and results must lie
 * within the range of {@link Instant}.
 *
 * <h2>How it is computed</h2>
 *
 * Never by stepping through time. On the local timeline, the open time before a local date-time
 * is a closed form: whole weeks times the weekly open time, plus the part of a week (a binary
 * search over the week's intervals), plus the difference each holiday makes (prefix sums over the
 * holidays, binary searches for the ones in range). Between two daylight saving transitions an
 * instant's local time is the instant shifted by a fixed offset, so business time over a span is a
 * sum over its transitions (about two a year) of differences of that function; {@code plus}
 * inverts it by a binary search over whole days, then walks the intervals of one day.
 *
 * <p>Immutable and thread-safe; equal when zone, weekly hours and holidays are equal. Prints its
 * zone, hours and holidays; {@code CrmJson} writes and reads it.
 *
 * @since 0.3
 */
public final class BusinessCalendar {
    /**
     * The longest span the arithmetic covers, 36,525 days (100 years of 365.25 days): {@link
     * #between} refuses longer spans, {@link #plus} and {@link #nextOpen} search no further ahead.
     */
    public static final Duration MAX_SPAN = Duration.ofDays(36_525);

    // Holidays must lie in these years: the four-digit years of ISO 8601 dates, as JSON keeps them.
    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;
    private static final long DAY = 86_400_000_000_000L;
    private static final long WEEK = 7 * DAY;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final long MAX_SPAN_NANOS = MAX_SPAN.toNanos();
    private static final Instant LAST_FULL_HORIZON = Instant.MAX.minus(MAX_SPAN);
    private static final DayOfWeek[] DAYS = DayOfWeek.values();
    private static final long[] NONE = new long[0];

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<DayOfWeek, List<OpeningInterval>> hours;
    private final NavigableMap<LocalDate, List<OpeningInterval>> holidays;

    // The weekly hours per day (index 0 is Monday): starts and lengths in nanoseconds of the day.
    private final long[][] dayStarts = new long[7][];
    private final long[][] dayLengths = new long[7][];
    private final long[] dayTotals = new long[7];
    // The weekly hours as one periodic pattern on [0, WEEK) from Monday 00:00, overnight
    // intervals split where the week wraps; weekPrefix[i] is the open time before weekStarts[i].
    private final long[] weekStarts;
    private final long[] weekEnds;
    private final long[] weekPrefix;
    private final long weekTotal;
    // Holidays by epoch day, ascending; deltaPrefix[i] is the sum over the first i holidays of
    // (the holiday's open time - the weekly open time of its day). Only differences of it are
    // used, so it may wrap around without harm.
    private final long[] holidayDays;
    private final long[][] holidayStarts;
    private final long[][] holidayLengths;
    private final long[] deltaPrefix;

    private BusinessCalendar(
            ZoneId zone, Map<DayOfWeek, List<OpeningInterval>> week, Map<LocalDate, List<OpeningInterval>> days) {
        this.zone = zone;
        this.rules = zone.getRules();
        EnumMap<DayOfWeek, List<OpeningInterval>> h = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DAYS) {
            h.put(d, sorted(week.getOrDefault(d, List.of())));
        }
        this.hours = Collections.unmodifiableMap(h);
        TreeMap<LocalDate, List<OpeningInterval>> hol = new TreeMap<>();
        days.forEach((date, list) -> hol.put(date, sorted(list)));
        this.holidays = Collections.unmodifiableNavigableMap(hol);

        List<long[]> pattern = new ArrayList<>();
        long total = 0;
        for (int d = 0; d < 7; d++) {
            List<OpeningInterval> list = h.get(DAYS[d]);
            dayStarts[d] = starts(list);
            dayLengths[d] = lengths(list);
            for (OpeningInterval i : list) {
                dayTotals[d] += i.lengthNanos();
                long s = d * DAY + i.startNanos();
                long e = s + i.lengthNanos();
                if (e <= WEEK) {
                    pattern.add(new long[] {s, e});
                } else {
                    pattern.add(new long[] {s, WEEK});
                    pattern.add(new long[] {0, e - WEEK});
                }
            }
            total += dayTotals[d];
        }
        pattern.sort(Comparator.comparingLong(p -> p[0]));
        weekTotal = total;
        weekStarts = new long[pattern.size()];
        weekEnds = new long[pattern.size()];
        weekPrefix = new long[pattern.size()];
        long acc = 0;
        for (int i = 0; i < pattern.size(); i++) {
            weekStarts[i] = pattern.get(i)[0];
            weekEnds[i] = pattern.get(i)[1];
            weekPrefix[i] = acc;
            acc += weekEnds[i] - weekStarts[i];
        }

        int n = hol.size();
        holidayDays = new long[n];
        holidayStarts = new long[n][];
        holidayLengths = new long[n][];
        deltaPrefix = new long[n + 1];
        int k = 0;
        for (Map.Entry<LocalDate, List<OpeningInterval>> e : hol.entrySet()) {
            long epochDay = e.getKey().toEpochDay();
            holidayDays[k] = epochDay;
            holidayStarts[k] = starts(e.getValue());
            holidayLengths[k] = lengths(e.getValue());
            long open = 0;
            for (long len : holidayLengths[k]) {
                open += len;
            }
            deltaPrefix[k + 1] = deltaPrefix[k] + open - dayTotals[dayIndex(epochDay)];
            k++;
        }
    }

    /**
     * @param zone the time zone whose local time the hours are in (an IANA region such as {@code
     *     Europe/London}; a fixed offset is accepted too, and never changes)
     * @return a builder; add hours and holidays, then {@link Builder#build()}
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(zone, null);
    }

    /**
     * @param zoneId the id of the time zone ({@code Europe/London}); an unknown id is refused at
     *     {@link Builder#build()} with field {@code zone}
     * @return a builder; add hours and holidays, then {@link Builder#build()}
     */
    public static Builder builder(String zoneId) {
        return new Builder(null, Objects.requireNonNull(zoneId, "zoneId"));
    }

    /**
     * A calendar open at every instant, every day {@code 00:00-24:00}: its business time is
     * elapsed time, also across daylight saving changes.
     *
     * @param zone the time zone, kept for the record; it does not change any answer
     * @return the calendar
     */
    public static BusinessCalendar alwaysOpen(ZoneId zone) {
        Builder b = builder(Objects.requireNonNull(zone, "zone"));
        for (DayOfWeek d : DAYS) {
            b.hours(d, List.of(OpeningInterval.ALL_DAY));
        }
        return b.build();
    }

    /** @return the time zone of the hours */
    public ZoneId zone() {
        return zone;
    }

    /**
     * @return the weekly hours: every day of the week, each with its intervals sorted by start
     *     (empty for a day that is closed every week); unmodifiable
     */
    public Map<DayOfWeek, List<OpeningInterval>> hours() {
        return hours;
    }

    /**
     * @param day a day of the week
     * @return its weekly intervals, sorted by start; empty if it is closed every week
     */
    public List<OpeningInterval> hours(DayOfWeek day) {
        return hours.get(Objects.requireNonNull(day, "day"));
    }

    /**
     * @return the holidays by date, ascending: each date's intervals, sorted by start, replace its
     *     weekly hours; an empty list is a date closed throughout; unmodifiable
     */
    public NavigableMap<LocalDate, List<OpeningInterval>> holidays() {
        return holidays;
    }

    /**
     * @param date a local date
     * @return the intervals that belong to it: its holiday's if it is a holiday, otherwise its day
     *     of the week's; each starts on {@code date} and may continue into the next date
     */
    public List<OpeningInterval> hoursOn(LocalDate date) {
        List<OpeningInterval> h = holidays.get(Objects.requireNonNull(date, "date"));
        return h != null ? h : hours.get(date.getDayOfWeek());
    }

    /**
     * @param instant an instant
     * @return true if its local date-time is covered by an interval (see the class description)
     */
    public boolean isOpen(Instant instant) {
        long local = instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
        long day = Math.floorDiv(local, SECONDS_PER_DAY);
        long nanoOfDay = Math.floorMod(local, SECONDS_PER_DAY) * NANOS_PER_SECOND + instant.getNano();
        return covers(day, nanoOfDay) || covers(day - 1, nanoOfDay + DAY);
    }

    /**
     * The first open instant at or after {@code instant}.
     *
     * @param instant where to start looking
     * @return {@code instant} itself if it is open, otherwise the instant at which the calendar
     *     next opens; empty if it does not open within {@link #MAX_SPAN} (for example a calendar
     *     open only on holidays, after its last one)
     */
    public Optional<Instant> nextOpen(Instant instant) {
        if (isOpen(instant)) {
            return Optional.of(instant);
        }
        // Open time is a union of [start, end) ranges with nanosecond ends, so the first open
        // nanosecond is the one that completes the first nanosecond of open time.
        Instant afterFirst = search(instant, 1);
        return afterFirst == null ? Optional.empty() : Optional.of(afterFirst.minusNanos(1));
    }

    /**
     * The business time between two instants: the length of the open instants in {@code [a, b)}.
     * Antisymmetric: for {@code b} before {@code a} it is the negated business time of {@code [b,
     * a)}. Exact to the nanosecond.
     *
     * @param a the start, included
     * @param b the end, excluded
     * @return the open time, between zero and the elapsed time (negative when {@code b} is before
     *     {@code a})
     * @throws DateTimeException if the two are more than {@link #MAX_SPAN} apart
     */
    public Duration between(Instant a, Instant b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int order = a.compareTo(b);
        if (order == 0) {
            return Duration.ZERO;
        }
        if (order > 0) {
            return between(b, a).negated();
        }
        if (Duration.between(a, b).compareTo(MAX_SPAN) > 0) {
            throw new DateTimeException("business time over more than " + MAX_SPAN.toDays() + " days: " + a + " to " + b
                    + " (the limit is BusinessCalendar.MAX_SPAN)");
        }
        long origin = originDay(a);
        long total = 0;
        Instant t = a;
        while (t.isBefore(b)) {
            int offset = rules.getOffset(t).getTotalSeconds();
            Instant end = segmentEnd(t, b);
            total += open(origin, pos(origin, t, offset), pos(origin, end, offset));
            t = end;
        }
        return Duration.ofNanos(total);
    }

    /**
     * The instant at which {@code businessTime} of open time has elapsed since {@code start}: the
     * earliest instant {@code t} at or after {@code start} with {@code between(start, t)} equal to
     * {@code businessTime}, exact to the nanosecond. So:
     *
     * <ul>
     *   <li>zero returns {@code start} itself, open or not;
     *   <li>when {@code start} is closed, the count begins when the calendar next opens;
     *   <li>the result is the end of open time, never the start of the next opening: with hours
     *       09:00-17:00, 8 hours from Monday 09:00 is Monday 17:00, not Tuesday 09:00.
     * </ul>
     *
     * <p>{@code plus(plus(s, d1), d2)} equals {@code plus(s, d1 + d2)}, and the result is
     * non-decreasing in both arguments.
     *
     * @param start when the count starts
     * @param businessTime the open time to count, zero or positive
     * @return the instant it has elapsed
     * @throws IllegalArgumentException if {@code businessTime} is negative
     * @throws DateTimeException if that much open time does not elapse within {@link #MAX_SPAN}
     *     of {@code start}
     */
    public Instant plus(Instant start, Duration businessTime) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(businessTime, "businessTime");
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("businessTime must not be negative, was " + businessTime);
        }
        if (businessTime.isZero()) {
            return start;
        }
        Instant end = businessTime.compareTo(MAX_SPAN) > 0 ? null : search(start, businessTime.toNanos());
        if (end == null) {
            throw new DateTimeException(businessTime + " of business time does not elapse within " + MAX_SPAN.toDays()
                    + " days of " + start + " (the limit is BusinessCalendar.MAX_SPAN)");
        }
        return end;
    }

    // --- the arithmetic ---

    /**
     * @return the earliest instant at which {@code nanos} (positive) of open time have elapsed
     *     since {@code start}, or null if not within MAX_SPAN
     */
    private @Nullable Instant search(Instant start, long nanos) {
        if (nanos > MAX_SPAN_NANOS) {
            return null;
        }
        Instant horizon = start.isAfter(LAST_FULL_HORIZON) ? Instant.MAX : start.plus(MAX_SPAN);
        long origin = originDay(start);
        long remaining = nanos;
        Instant t = start;
        while (t.isBefore(horizon)) {
            int offset = rules.getOffset(t).getTotalSeconds();
            Instant end = segmentEnd(t, horizon);
            long x0 = pos(origin, t, offset);
            long x1 = pos(origin, end, offset);
            long c0 = cumulative(origin, x0);
            long available = cumulative(origin, x1) - c0;
            if (available >= remaining) {
                return instant(origin, inverse(origin, c0 + remaining, x0, x1), offset);
            }
            remaining -= available;
            t = end;
        }
        return null;
    }

    /** @return the next offset transition after {@code t}, or {@code limit} if that comes first */
    private Instant segmentEnd(Instant t, Instant limit) {
        ZoneOffsetTransition next = rules.nextTransition(t);
        return next == null || !next.getInstant().isBefore(limit) ? limit : next.getInstant();
    }

    /**
     * The origin of a computation's local positions: the Monday a week before the local week of
     * {@code t}, so that every position the computation uses is at least six days after it.
     */
    private long originDay(Instant t) {
        long local = t.getEpochSecond() + rules.getOffset(t).getTotalSeconds();
        long day = Math.floorDiv(local, SECONDS_PER_DAY);
        return day - dayIndex(day) - 7;
    }

    /** @return the local position of {@code t} at the given offset, in nanoseconds from origin */
    private static long pos(long originDay, Instant t, int offsetSeconds) {
        long seconds = t.getEpochSecond() + offsetSeconds - originDay * SECONDS_PER_DAY;
        return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), t.getNano());
    }

    /** @return the instant whose local position at the given offset is {@code x} */
    private static Instant instant(long originDay, long x, int offsetSeconds) {
        return Instant.ofEpochSecond(
                originDay * SECONDS_PER_DAY + Math.floorDiv(x, NANOS_PER_SECOND) - offsetSeconds,
                Math.floorMod(x, NANOS_PER_SECOND));
    }

    /** @return the open local time in positions {@code [x0, x1)} */
    private long open(long originDay, long x0, long x1) {
        return cumulative(originDay, x1) - cumulative(originDay, x0);
    }

    /**
     * The open local time from the origin to position {@code x} (not negative): the weekly pattern
     * in closed form, corrected by every holiday whose date lies from the day before the origin to
     * the date of {@code x}.
     */
    private long cumulative(long originDay, long x) {
        long weeks = Math.floorDiv(x, WEEK);
        long r = x - weeks * WEEK;
        long f = weeks * weekTotal + weekPattern(r);
        if (holidayDays.length == 0) {
            return f;
        }
        long dateOfX = originDay + Math.floorDiv(x, DAY);
        // Holidays from the origin to two days before x's date lie wholly before x (a date's
        // intervals end within two days of its start): their whole difference counts.
        int from = lowerBound(holidayDays, originDay);
        int to = lowerBound(holidayDays, dateOfX - 1);
        if (to > from) {
            f += deltaPrefix[to] - deltaPrefix[from];
        }
        // The day before the origin (its overnight hours reach past the origin), and the two
        // dates whose intervals may reach x: partly.
        long first = originDay - 1;
        f += partialDifference(originDay, first, x);
        if (dateOfX - 1 > first) {
            f += partialDifference(originDay, dateOfX - 1, x);
        }
        if (dateOfX > first) {
            f += partialDifference(originDay, dateOfX, x);
        }
        return f;
    }

    /** @return the open time in {@code [0, r)} of the weekly pattern, {@code 0 <= r < WEEK} */
    private long weekPattern(long r) {
        int i = upperBound(weekStarts, r) - 1;
        if (i < 0) {
            return 0;
        }
        return weekPrefix[i] + Math.min(r, weekEnds[i]) - weekStarts[i];
    }

    /**
     * @return for a holiday on {@code epochDay}, its open time in positions {@code [0, x)} less
     *     that of the weekly hours it replaces; 0 if the date is no holiday
     */
    private long partialDifference(long originDay, long epochDay, long x) {
        int h = Arrays.binarySearch(holidayDays, epochDay);
        if (h < 0) {
            return 0;
        }
        long base = (epochDay - originDay) * DAY;
        int d = dayIndex(epochDay);
        return overlap(holidayStarts[h], holidayLengths[h], base, x) - overlap(dayStarts[d], dayLengths[d], base, x);
    }

    /** @return the length of the intervals (starting at {@code base}) within {@code [0, x)} */
    private static long overlap(long[] starts, long[] lengths, long base, long x) {
        long sum = 0;
        for (int i = 0; i < starts.length; i++) {
            long s = base + starts[i];
            long e = Math.min(s + lengths[i], x);
            long from = Math.max(s, 0);
            if (e > from) {
                sum += e - from;
            }
        }
        return sum;
    }

    /**
     * The earliest position in {@code (lo, hi]} at which the cumulative open time reaches {@code
     * v}, given that it is below {@code v} at {@code lo} and reaches it by {@code hi}: a binary
     * search over the day boundaries between them, then a walk through the open intervals of the
     * one day left.
     */
    private long inverse(long originDay, long v, long lo, long hi) {
        long kLo = Math.floorDiv(lo, DAY) + 1;
        long kHi = Math.floorDiv(hi, DAY);
        long left;
        long right;
        if (kLo <= kHi && cumulative(originDay, kHi * DAY) >= v) {
            long a = kLo;
            long b = kHi;
            while (a < b) {
                long m = a + (b - a) / 2;
                if (cumulative(originDay, m * DAY) >= v) {
                    b = m;
                } else {
                    a = m + 1;
                }
            }
            right = a * DAY;
            left = Math.max(lo, (a - 1) * DAY);
        } else {
            left = kLo <= kHi ? Math.max(lo, kHi * DAY) : lo;
            right = hi;
        }
        // (left, right] lies within one day window [w, w + DAY): walk the part of the previous
        // date's hours that spills into it, then the window's own date's hours.
        long window = Math.floorDiv(left, DAY);
        long acc = cumulative(originDay, left);
        long windowStart = window * DAY;
        for (int pass = 0; pass < 2; pass++) {
            long date = originDay + window - 1 + pass;
            long base = windowStart - DAY + pass * DAY;
            int h = Arrays.binarySearch(holidayDays, date);
            long[] starts = h >= 0 ? holidayStarts[h] : dayStarts[dayIndex(date)];
            long[] lengths = h >= 0 ? holidayLengths[h] : dayLengths[dayIndex(date)];
            for (int i = 0; i < starts.length; i++) {
                long s = Math.max(base + starts[i], left);
                long e = Math.min(base + starts[i] + lengths[i], right);
                if (e <= s) {
                    continue;
                }
                if (acc + (e - s) >= v) {
                    return s + (v - acc);
                }
                acc += e - s;
            }
        }
        throw new IllegalStateException("business time not found where the cumulative sum says it is");
    }

    /** @return true if the hours of the date {@code epochDay} cover {@code nanos} after its start */
    private boolean covers(long epochDay, long nanos) {
        int h = Arrays.binarySearch(holidayDays, epochDay);
        long[] starts = h >= 0 ? holidayStarts[h] : dayStarts[dayIndex(epochDay)];
        long[] lengths = h >= 0 ? holidayLengths[h] : dayLengths[dayIndex(epochDay)];
        for (int i = 0; i < starts.length && starts[i] <= nanos; i++) {
            if (nanos < starts[i] + lengths[i]) {
                return true;
            }
        }
        return false;
    }

    /** @return 0 for Monday to 6 for Sunday (epoch day 0, 1970-01-01, was a Thursday) */
    private static int dayIndex(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L);
    }

    /** @return the first index whose value is at least {@code key} */
    private static int lowerBound(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        return i >= 0 ? i : -i - 1;
    }

    /** @return the first index whose value is above {@code key} (values distinct) */
    private static int upperBound(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static List<OpeningInterval> sorted(List<OpeningInterval> list) {
        List<OpeningInterval> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing(OpeningInterval::start));
        return List.copyOf(copy);
    }

    private static long[] starts(List<OpeningInterval> list) {
        if (list.isEmpty()) {
            return NONE;
        }
        return list.stream().mapToLong(OpeningInterval::startNanos).toArray();
    }

    private static long[] lengths(List<OpeningInterval> list) {
        if (list.isEmpty()) {
            return NONE;
        }
        return list.stream().mapToLong(OpeningInterval::lengthNanos).toArray();
    }

    // --- value ---

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof BusinessCalendar other
                && zone.equals(other.zone)
                && hours.equals(other.hours)
                && holidays.equals(other.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, hours, holidays);
    }

    /** @return the zone, the days of the week that have hours, and the holidays */
    @Override
    public String toString() {
        StringBuilder s =
                new StringBuilder("BusinessCalendar[zone=").append(zone).append(", hours={");
        String sep = "";
        for (Map.Entry<DayOfWeek, List<OpeningInterval>> e : hours.entrySet()) {
            if (!e.getValue().isEmpty()) {
                s.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
        }
        return s.append("}, holidays=").append(holidays).append(']').toString();
    }

    /**
     * Collects a calendar's zone, weekly hours and holidays; {@link #build()} checks them all at
     * once. Adding intervals to a day or a date appends to what it has. Not thread-safe; may build
     * more than once.
     *
     * @since 0.3
     */
    public static final class Builder {
        private final @Nullable ZoneId zone;
        private final @Nullable String zoneId;
        private final EnumMap<DayOfWeek, List<@Nullable Object>> week = new EnumMap<>(DayOfWeek.class);
        private final TreeMap<LocalDate, Dated> dated = new TreeMap<>();

        private static final class Dated {
            boolean closed;
            final List<@Nullable Object> intervals = new ArrayList<>();
        }

        private Builder(@Nullable ZoneId zone, @Nullable String zoneId) {
            this.zone = zone;
            this.zoneId = zoneId;
        }

        /**
         * Adds weekly hours to a day of the week.
         *
         * @param day the day
         * @param intervals intervals as {@link OpeningInterval#parse(CharSequence)} reads them
         *     ({@code "09:00-12:00"}, {@code "22:00-02:00"}, {@code "18:00-24:00"}); malformed text
         *     is refused at {@link #build()}
         * @return this builder
         */
        public Builder hours(DayOfWeek day, @Nullable String... intervals) {
            week.computeIfAbsent(Objects.requireNonNull(day, "day"), d -> new ArrayList<>())
                    .addAll(Arrays.asList(intervals));
            return this;
        }

        /**
         * Adds weekly hours to a day of the week.
         *
         * @param day the day
         * @param intervals the intervals
         * @return this builder
         */
        public Builder hours(DayOfWeek day, List<OpeningInterval> intervals) {
            week.computeIfAbsent(Objects.requireNonNull(day, "day"), d -> new ArrayList<>())
                    .addAll(intervals);
            return this;
        }

        /**
         * Adds the same weekly hours to Monday to Friday.
         *
         * @param intervals intervals as {@link OpeningInterval#parse(CharSequence)} reads them
         * @return this builder
         */
        public Builder weekdays(@Nullable String... intervals) {
            for (DayOfWeek d : DAYS) {
                if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
                    hours(d, intervals);
                }
            }
            return this;
        }

        /**
         * Makes a date a holiday closed throughout: its weekly hours do not apply (an overnight
         * interval of the day before still ends as usual).
         *
         * @param date the date, in the years 0001 to 9999
         * @return this builder
         */
        public Builder closed(LocalDate date) {
            dated.computeIfAbsent(Objects.requireNonNull(date, "date"), d -> new Dated()).closed = true;
            return this;
        }

        /**
         * Makes a date a holiday with its own hours, replacing its weekly hours (a partial day,
         * such as {@code "09:00-13:00"} on Christmas Eve, or extra hours on a day usually closed).
         * With no intervals, the same as {@link #closed(LocalDate)}.
         *
         * @param date the date, in the years 0001 to 9999
         * @param intervals intervals as {@link OpeningInterval#parse(CharSequence)} reads them
         * @return this builder
         */
        public Builder holiday(LocalDate date, @Nullable String... intervals) {
            dated.computeIfAbsent(Objects.requireNonNull(date, "date"), d -> new Dated())
                    .intervals
                    .addAll(Arrays.asList(intervals));
            return this;
        }

        /**
         * Makes a date a holiday with its own hours, replacing its weekly hours; an empty list
         * closes it throughout.
         *
         * @param date the date, in the years 0001 to 9999
         * @param intervals the intervals
         * @return this builder
         */
        public Builder holiday(LocalDate date, List<OpeningInterval> intervals) {
            dated.computeIfAbsent(Objects.requireNonNull(date, "date"), d -> new Dated())
                    .intervals
                    .addAll(intervals);
            return this;
        }

        /**
         * Checks everything and builds the calendar. Refused, each with its field path and reason,
         * all at once: a missing or unknown zone ({@code zone}); a malformed or missing interval
         * ({@code hours[MONDAY][1]}, {@code holidays[2026-12-24][0]}, indexes in the order given);
         * intervals that overlap, on the same day, across midnight into the next day (also from
         * Sunday into Monday) and between a holiday and the dates beside it ({@code
         * hours[MONDAY][1]: overlaps 09:00-12:00}, {@code hours[SATURDAY][0]: overlaps FRIDAY
         * 22:00-02:00}); a date both closed and given hours, or outside the years 0001 to 9999
         * ({@code holidays[2026-12-24]}); and no hours on any day or holiday ({@code hours}).
         *
         * @return the calendar
         * @throws ValidationException naming every problem
         */
        public BusinessCalendar build() {
            Set<Violation> found = new LinkedHashSet<>();
            ZoneId z = zone;
            if (z == null && zoneId != null) {
                try {
                    z = ZoneId.of(zoneId);
                } catch (DateTimeException e) {
                    found.add(new Violation("zone", "unknown time zone '" + shorten(zoneId) + "'"));
                }
            } else if (z == null) {
                found.add(new Violation("zone", "required"));
            }

            EnumMap<DayOfWeek, List<Item>> days = new EnumMap<>(DayOfWeek.class);
            int given = 0;
            for (DayOfWeek d : DAYS) {
                List<@Nullable Object> raw = week.getOrDefault(d, List.of());
                given += raw.size();
                days.put(d, parse(raw, "hours[" + d + "]", found));
            }
            TreeMap<LocalDate, List<Item>> dates = new TreeMap<>();
            for (Map.Entry<LocalDate, Dated> e : dated.entrySet()) {
                LocalDate date = e.getKey();
                String path = "holidays[" + date + "]";
                if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
                    found.add(new Violation(path, "outside the years 0001 to 9999"));
                    continue;
                }
                if (e.getValue().closed && !e.getValue().intervals.isEmpty()) {
                    found.add(new Violation(path, "closed throughout and also given hours"));
                }
                given += e.getValue().intervals.size();
                dates.put(date, parse(e.getValue().intervals, path, found));
            }

            for (int i = 0; i < 7; i++) {
                DayOfWeek d = DAYS[i];
                DayOfWeek next = DAYS[(i + 1) % 7];
                sameDay(days.get(d), "hours[" + d + "]", found);
                intoNextDay(days.get(d), d.toString(), days.get(next), "hours[" + next + "]", found);
            }
            for (Map.Entry<LocalDate, List<Item>> e : dates.entrySet()) {
                LocalDate date = e.getKey();
                String path = "holidays[" + date + "]";
                sameDay(e.getValue(), path, found);
                LocalDate before = date.minusDays(1);
                List<Item> previous = dates.containsKey(before) ? dates.get(before) : days.get(before.getDayOfWeek());
                intoNextDay(previous, label(before), e.getValue(), path, found);
                LocalDate after = date.plusDays(1);
                if (!dates.containsKey(after)) {
                    // The holiday's overnight interval against the weekly hours of the next date;
                    // the holiday's interval is the one named.
                    for (Item spill : e.getValue()) {
                        long spillEnd = spill.end() - DAY;
                        if (spillEnd <= 0) {
                            continue;
                        }
                        for (Item next : days.get(after.getDayOfWeek())) {
                            if (next.start() < spillEnd) {
                                found.add(new Violation(
                                        path + "[" + spill.index() + "]",
                                        "overlaps " + label(after) + " " + next.interval()));
                            }
                        }
                    }
                }
            }
            if (given == 0) {
                found.add(new Violation(
                        "hours", "no opening hours on any day or holiday (a calendar never open is refused)"));
            }
            if (!found.isEmpty()) {
                throw new ValidationException(List.copyOf(found));
            }
            EnumMap<DayOfWeek, List<OpeningInterval>> w = new EnumMap<>(DayOfWeek.class);
            days.forEach((d, items) -> w.put(d, intervals(items)));
            TreeMap<LocalDate, List<OpeningInterval>> h = new TreeMap<>();
            dates.forEach((d, items) -> h.put(d, intervals(items)));
            return new BusinessCalendar(Objects.requireNonNull(z), w, h);
        }

        /** One given interval and its index among those given for its day or date. */
        private record Item(int index, OpeningInterval interval) {
            long start() {
                return interval.startNanos();
            }

            long end() {
                return interval.startNanos() + interval.lengthNanos();
            }
        }

        private static List<Item> parse(List<@Nullable Object> raw, String path, Set<Violation> found) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                Object o = raw.get(i);
                if (o instanceof OpeningInterval interval) {
                    items.add(new Item(i, interval));
                } else if (o instanceof String text) {
                    try {
                        items.add(new Item(i, OpeningInterval.parse(text)));
                    } catch (ValidationException e) {
                        found.add(new Violation(
                                path + "[" + i + "]", e.violations().get(0).reason()));
                    }
                } else {
                    found.add(new Violation(path + "[" + i + "]", "required"));
                }
            }
            return items;
        }

        /** Overlaps among one day's intervals: each is named against the one reaching furthest before it. */
        private static void sameDay(List<Item> items, String path, Set<Violation> found) {
            List<Item> byStart = new ArrayList<>(items);
            byStart.sort(Comparator.comparingLong(Item::start).thenComparingInt(Item::index));
            @Nullable Item furthest = null;
            for (Item item : byStart) {
                if (furthest != null && item.start() < furthest.end()) {
                    found.add(new Violation(path + "[" + item.index() + "]", "overlaps " + furthest.interval()));
                }
                if (furthest == null || item.end() > furthest.end()) {
                    furthest = item;
                }
            }
        }

        /** Overnight intervals of one day against the next day's intervals, which are named. */
        private static void intoNextDay(
                List<Item> previous, String previousLabel, List<Item> next, String nextPath, Set<Violation> found) {
            for (Item spill : previous) {
                long spillEnd = spill.end() - DAY;
                if (spillEnd <= 0) {
                    continue;
                }
                for (Item item : next) {
                    if (item.start() < spillEnd) {
                        found.add(new Violation(
                                nextPath + "[" + item.index() + "]",
                                "overlaps " + previousLabel + " " + spill.interval()));
                    }
                }
            }
        }

        private static List<OpeningInterval> intervals(List<Item> items) {
            return items.stream().map(Item::interval).toList();
        }

        private static String label(LocalDate date) {
            return date.getDayOfWeek() + " " + date;
        }

        private static String shorten(String text) {
            return text.length() > 40 ? text.substring(0, 40) + "..." : text;
        }
    }
}
