package dev.rapport.crm.model.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The reference: {@link BusinessCalendar}'s definition read as directly as possible, by stepping
 * through time. It reads only the calendar's public zone, weekly hours and holidays.
 *
 * <p>An instant is open when its local date-time lies in an interval of its own date's hours or in
 * the overnight part of the previous date's ({@link #isOpen}). Time is cut into cells of {@code
 * step} on the epoch timeline; when every interval boundary in local time and every zone offset
 * are multiples of the step (minutes for minute-aligned hours in zones with whole-minute offsets),
 * openness is constant in each cell, so the sums below are exact, also for instants that are not
 * aligned to the step (a cell's part is counted as the cell is).
 */
final class NaiveBusinessTime {
    /** Nanoseconds are counted from 1900: enough for the tests' years, and no overflow. */
    private static final long ORIGIN = LocalDateTime.of(1900, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private final BusinessCalendar calendar;
    private final long stepNanos;

    NaiveBusinessTime(BusinessCalendar calendar, Duration step) {
        this.calendar = calendar;
        this.stepNanos = step.toNanos();
    }

    /** The definition, word for word. */
    boolean isOpen(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, calendar.zone());
        LocalDate date = local.toLocalDate();
        return covers(date, local) || covers(date.minusDays(1), local);
    }

    private boolean covers(LocalDate date, LocalDateTime local) {
        List<OpeningInterval> hours = calendar.holidays().containsKey(date)
                ? calendar.holidays().get(date)
                : calendar.hours().get(date.getDayOfWeek());
        for (OpeningInterval i : hours) {
            LocalDateTime from = date.atTime(i.start());
            // An end after the start is on the same date; at or before it, on the next date
            // (00:00 is midnight at the end of the date, equal start and end are 24 hours).
            LocalDateTime to = i.end().isAfter(i.start())
                    ? date.atTime(i.end())
                    : date.plusDays(1).atTime(i.end());
            if (!local.isBefore(from) && local.isBefore(to)) {
                return true;
            }
        }
        return false;
    }

    /** Open time in [a, b), a not after b, cell by cell. */
    Duration between(Instant a, Instant b) {
        long total = 0;
        long t = nanos(a);
        long end = nanos(b);
        while (t < end) {
            long next = Math.min(cellEnd(t), end);
            if (isOpen(instant(t))) {
                total += next - t;
            }
            t = next;
        }
        return Duration.ofNanos(total);
    }

    /**
     * The earliest instant at which {@code d} of open time has elapsed since {@code a}, or empty if
     * not by {@code limit}.
     */
    Optional<Instant> plus(Instant a, Duration d, Instant limit) {
        long remaining = d.toNanos();
        long t = nanos(a);
        if (remaining == 0) {
            return Optional.of(a);
        }
        long end = nanos(limit);
        while (t < end) {
            long next = cellEnd(t);
            if (isOpen(instant(t))) {
                if (next - t >= remaining) {
                    return Optional.of(instant(t + remaining));
                }
                remaining -= next - t;
            }
            t = next;
        }
        return Optional.empty();
    }

    /** The first open instant at or after {@code a}, or empty if none before {@code limit}. */
    Optional<Instant> nextOpen(Instant a, Instant limit) {
        long t = nanos(a);
        long end = nanos(limit);
        while (t < end) {
            if (isOpen(instant(t))) {
                return Optional.of(instant(t));
            }
            t = cellEnd(t);
        }
        return Optional.empty();
    }

    private long cellEnd(long t) {
        return Math.floorDiv(t, stepNanos) * stepNanos + stepNanos;
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond() - ORIGIN, 1_000_000_000L), t.getNano());
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(
                ORIGIN + Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
