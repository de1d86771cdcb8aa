package dev.rapport.crm.model.calendar;

import dev.rapport.crm.model.ValidationException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An opening interval of local wall-clock time, {@code [start, end)}: the start is open, the end is
 * not. It belongs to a local date (a day of the week in the weekly hours, or a holiday) and starts
 * on it; it may continue into the next date.
 *
 * <ul>
 *   <li>{@code end} after {@code start}: the interval ends on the same date ({@code 09:00-17:00}).
 *   <li>{@code end} at {@code 00:00}: the interval ends at midnight, the end of its date, written
 *       {@code 24:00} ({@code 18:00-24:00}, and {@code 00:00-24:00} for the whole day).
 *   <li>{@code end} before {@code start}: overnight, the interval ends on the next date ({@code
 *       22:00-02:00} is open from 22:00 until 02:00 the next morning).
 *   <li>{@code end} equal to {@code start} (other than midnight): 24 hours from {@code start} to the
 *       same time the next date ({@code 09:00-09:00}).
 * </ul>
 *
 * <p>So an interval is 1 nanosecond to 24 hours long (of local time; in real time a daylight
 * saving change makes it shorter or longer, see {@link BusinessCalendar}). Prints and parses
 * round-trip: {@code OpeningInterval.parse(i.toString()).equals(i)}. Immutable and thread-safe.
 *
 * @param start the first open local time
 * @param end the first local time after it that is no longer open; {@code 00:00} means the
 *     midnight at the end of the start's date
 * @since 0.3
 */
public record OpeningInterval(LocalTime start, LocalTime end) {
    /** The whole day, {@code 00:00-24:00}. */
    public static final OpeningInterval ALL_DAY = new OpeningInterval(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /** Checks presence. */
    public OpeningInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /**
     * @param start the first open local time
     * @param end the first local time no longer open, {@code 00:00} for midnight at the end of the
     *     day; at or before {@code start} for an interval that continues into the next date
     * @return the interval
     */
    public static OpeningInterval of(LocalTime start, LocalTime end) {
        return new OpeningInterval(start, end);
    }

    /**
     * Parses {@code start-end}, each an ISO local time ({@code HH:mm}, {@code HH:mm:ss} or with a
     * fraction of a second), the end also {@code 24:00}: {@code 09:00-17:00}, {@code 22:00-02:00},
     * {@code 18:00-24:00}, {@code 08:30:15.5-12:00}.
     *
     * @param text the interval as {@link #toString()} prints it
     * @return the interval
     * @throws ValidationException (field {@code interval}) if the text is not such an interval
     */
    public static OpeningInterval parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        String s = text.toString();
        int dash = s.indexOf('-');
        if (dash <= 0 || dash != s.lastIndexOf('-') || dash == s.length() - 1) {
            throw malformed(s);
        }
        try {
            LocalTime start = LocalTime.parse(s.substring(0, dash));
            String endText = s.substring(dash + 1);
            LocalTime end = endText.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(endText);
            return new OpeningInterval(start, end);
        } catch (DateTimeParseException e) {
            throw malformed(s);
        }
    }

    private static ValidationException malformed(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return ValidationException.of("interval", "not an interval like 09:00-17:00: '" + shown + "'");
    }

    /**
     * @return the interval's length in local time: from 1 nanosecond to 24 hours
     */
    public Duration length() {
        return Duration.ofNanos(lengthNanos());
    }

    /**
     * @return true if the interval continues past the midnight at the end of its date; an interval
     *     ending at {@code 24:00} does not
     */
    public boolean crossesMidnight() {
        return startNanos() + lengthNanos() > NANOS_PER_DAY;
    }

    /** @return the start, in nanoseconds from the start of the date */
    long startNanos() {
        return start.toNanoOfDay();
    }

    /** @return the length in nanoseconds, in {@code (0, 24 h]} */
    long lengthNanos() {
        long d = end.toNanoOfDay() - start.toNanoOfDay();
        return d > 0 ? d : d + NANOS_PER_DAY;
    }

    /** @return {@code start-end}, ISO local times, the end {@code 24:00} when it is midnight */
    @Override
    public String toString() {
        return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
    }
}
