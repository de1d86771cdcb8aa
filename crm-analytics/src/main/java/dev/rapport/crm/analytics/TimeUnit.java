package dev.rapport.crm.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * A unit of time in which recency, age and forecast horizons are measured, and the length of a
 * purchase period (purchases in the same period collapse into one). Either a whole number of days
 * ({@link #DAY}, {@link #WEEK}, {@link #ofDays(int)}, {@link #of(Duration)}) or the calendar
 * {@link #MONTH}.
 *
 * <p>Measuring: {@link #between(LocalDate, LocalDate)} is exact — days divided by the unit's
 * length, or for months whole calendar months plus the remaining days as a fraction of the
 * following month's length (so first-of-month to first-of-month is a whole number). Converting
 * between units ({@link #convert(double, TimeUnit)}) is exact between day-based units and uses the
 * mean Gregorian month (30.436875 days) when a month is involved.
 *
 * <p>Periods: a day-based unit of {@code n} days cuts time into consecutive blocks of {@code n}
 * days starting on Monday 1969-12-29, so {@link #WEEK} periods are ISO weeks (Monday to Sunday);
 * {@link #MONTH} periods are calendar months.
 *
 * <p>Immutable and thread-safe; equal units compare equal.
 *
 * @since 0.1.0
 */
public final class TimeUnit {
    /** The mean Gregorian month in days: 365.2425 / 12. */
    public static final double DAYS_PER_MEAN_MONTH = 365.2425 / 12.0;

    /** One day. */
    public static final TimeUnit DAY = new TimeUnit(1);
    /** Seven days; periods are ISO weeks starting on Monday. */
    public static final TimeUnit WEEK = new TimeUnit(7);
    /** The calendar month. */
    public static final TimeUnit MONTH = new TimeUnit(0);

    /** Epoch day of Monday 1969-12-29, the anchor of day-based periods. */
    private static final long ANCHOR_EPOCH_DAY = -3;

    /** Length in days, or 0 for the calendar month. */
    private final int days;

    private TimeUnit(int days) {
        this.days = days;
    }

    /**
     * A unit of a whole number of days.
     *
     * @param days the length, at least 1
     * @return the unit ({@link #DAY} for 1, {@link #WEEK} for 7)
     * @throws IllegalArgumentException if {@code days < 1}
     */
    public static TimeUnit ofDays(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a time unit must be at least one day, was " + days + " days");
        }
        if (days == 1) {
            return DAY;
        }
        return days == 7 ? WEEK : new TimeUnit(days);
    }

    /**
     * A unit of the given duration, which must be a whole number of days (purchases are dated, not
     * timed).
     *
     * @param duration the length
     * @return the unit
     * @throws IllegalArgumentException if the duration is not a positive whole number of days
     */
    public static TimeUnit of(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero() || !duration.equals(Duration.ofDays(duration.toDays()))) {
            throw new IllegalArgumentException("a time unit must be a positive whole number of days, was " + duration);
        }
        if (duration.toDays() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("time unit too long: " + duration);
        }
        return ofDays((int) duration.toDays());
    }

    /**
     * Whether this is the calendar month.
     *
     * @return true for {@link #MONTH}
     */
    public boolean isCalendarMonth() {
        return days == 0;
    }

    /**
     * The length in days: exact for day-based units, the mean Gregorian month for {@link #MONTH}.
     *
     * @return days, positive
     */
    public double approximateDays() {
        return days == 0 ? DAYS_PER_MEAN_MONTH : days;
    }

    /**
     * The time from {@code from} to {@code to} in this unit (negative if {@code to} is earlier).
     *
     * @param from the start date
     * @param to the end date
     * @return the length in this unit
     */
    public double between(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (days > 0) {
            return ChronoUnit.DAYS.between(from, to) / (double) days;
        }
        if (to.isBefore(from)) {
            return -between(to, from);
        }
        long whole = ChronoUnit.MONTHS.between(from, to);
        LocalDate mark = from.plusMonths(whole);
        LocalDate next = from.plusMonths(whole + 1);
        return whole + ChronoUnit.DAYS.between(mark, to) / (double) ChronoUnit.DAYS.between(mark, next);
    }

    /**
     * Converts an amount of time measured in another unit into this unit.
     *
     * @param amount the amount in {@code unit}
     * @param unit the unit {@code amount} is measured in
     * @return the amount in this unit
     */
    public double convert(double amount, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (unit.equals(this)) {
            return amount;
        }
        return amount * unit.approximateDays() / approximateDays();
    }

    /**
     * The first day of the period of this unit that contains {@code date}.
     *
     * @param date a date
     * @return the period's first day, on or before {@code date}
     */
    public LocalDate periodStart(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (days == 0) {
            return date.withDayOfMonth(1);
        }
        if (days == 1) {
            return date;
        }
        if (days == 7) {
            return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        long offset = Math.floorMod(date.toEpochDay() - ANCHOR_EPOCH_DAY, (long) days);
        return date.minusDays(offset);
    }

    /**
     * The first day of the period after the one starting on {@code periodStart}.
     *
     * @param periodStart a period's first day, as returned by {@link #periodStart(LocalDate)}
     * @return the next period's first day
     */
    public LocalDate nextPeriodStart(LocalDate periodStart) {
        return days == 0 ? periodStart.plusMonths(1) : periodStart.plusDays(days);
    }

    /**
     * Adds {@code count} of this unit to a date.
     *
     * @param date a date
     * @param count how many units
     * @return the later date
     */
    public LocalDate plus(LocalDate date, long count) {
        return days == 0 ? date.plusMonths(count) : date.plusDays(Math.multiplyExact(count, (long) days));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeUnit && ((TimeUnit) o).days == days;
    }

    @Override
    public int hashCode() {
        return days;
    }

    /** Returns {@code day}, {@code week}, {@code month} or {@code N days}. */
    @Override
    public String toString() {
        if (days == 0) {
            return "month";
        }
        if (days == 1) {
            return "day";
        }
        return days == 7 ? "week" : days + " days";
    }
}
