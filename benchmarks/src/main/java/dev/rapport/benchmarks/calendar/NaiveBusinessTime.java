package dev.rapport.benchmarks.calendar;

import dev.rapport.crm.model.calendar.BusinessCalendar;
import dev.rapport.crm.model.calendar.OpeningInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The baseline: business time the plain way, stepping through time minute by minute (a copy of
 * crm-spi's test reference). Each step asks the definition: is the local date-time of this instant
 * within an interval of its date, or of the previous date's overnight interval, holidays replacing
 * weekly hours? Exact when hours and zone offsets fall on whole steps, as in the benchmark.
 */
final class NaiveBusinessTime {
    private static final long ORIGIN = LocalDateTime.of(1900, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private final BusinessCalendar calendar;
    private final long stepNanos;

    NaiveBusinessTime(BusinessCalendar calendar, Duration step) {
        this.calendar = calendar;
        this.stepNanos = step.toNanos();
    }

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
            LocalDateTime to = i.end().isAfter(i.start())
                    ? date.atTime(i.end())
                    : date.plusDays(1).atTime(i.end());
            if (!local.isBefore(from) && local.isBefore(to)) {
                return true;
            }
        }
        return false;
    }

    /** Open time in [a, b), a not after b, step by step. */
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

    /** The earliest instant at which {@code d} of open time has elapsed since {@code a}; empty if not by limit. */
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
