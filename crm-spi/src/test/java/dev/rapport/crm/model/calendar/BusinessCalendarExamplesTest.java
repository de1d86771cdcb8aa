package dev.rapport.crm.model.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hand-picked cases with the expected instants worked out by hand from the zone's rules (written
 * as UTC, with the local time beside them), one rule per test.
 */
class BusinessCalendarExamplesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static Duration hours(double h) {
        return Duration.ofMinutes(Math.round(h * 60));
    }

    private static BusinessCalendar everyDay(ZoneId zone, String... intervals) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
        for (DayOfWeek d : DayOfWeek.values()) {
            b.hours(d, intervals);
        }
        return b.build();
    }

    @Nested
    @DisplayName("New York, clocks forward 2026-03-08 02:00 EST -> 03:00 EDT")
    class NewYorkSpringForward {
        // 01:00 EST = 06:00Z; 02:00 EST = 07:00Z = 03:00 EDT; 04:00 EDT = 08:00Z.
        final BusinessCalendar calendar = everyDay(NEW_YORK, "01:00-04:00");

        @Test
        void intervalOverTheGap_isOneHourShorter() {
            assertThat(calendar.between(at("2026-03-08T05:00:00Z"), at("2026-03-08T12:00:00Z")))
                    .isEqualTo(hours(2));
            assertThat(calendar.between(at("2026-03-07T05:00:00Z"), at("2026-03-07T12:00:00Z")))
                    .isEqualTo(hours(3));
        }

        @Test
        void plus_jumpsTheGap() {
            Instant opens = at("2026-03-08T06:00:00Z"); // 01:00 EST
            assertThat(calendar.plus(opens, hours(1))).isEqualTo(at("2026-03-08T07:00:00Z")); // 03:00 EDT
            assertThat(calendar.plus(opens, hours(1.5))).isEqualTo(at("2026-03-08T07:30:00Z")); // 03:30 EDT
            assertThat(calendar.plus(opens, hours(2))).isEqualTo(at("2026-03-08T08:00:00Z")); // 04:00 EDT
            // The third hour is Monday 01:00-02:00 EDT.
            assertThat(calendar.plus(opens, hours(3))).isEqualTo(at("2026-03-09T06:00:00Z"));
        }

        @Test
        void isOpen_onBothSidesOfTheGap() {
            assertThat(calendar.isOpen(at("2026-03-08T06:59:59.999999999Z"))).isTrue(); // 01:59:59.999999999 EST
            assertThat(calendar.isOpen(at("2026-03-08T07:00:00Z"))).isTrue(); // 03:00 EDT
            assertThat(calendar.isOpen(at("2026-03-08T08:00:00Z"))).isFalse(); // 04:00 EDT
            assertThat(calendar.nextOpen(at("2026-03-08T08:00:00Z"))).contains(at("2026-03-09T05:00:00Z"));
        }

        @Test
        void intervalInsideTheGap_isNeverOpen() {
            BusinessCalendar c = BusinessCalendar.builder(NEW_YORK)
                    .weekdays("09:00-17:00")
                    .holiday(LocalDate.of(2026, 3, 8), "02:15-02:45")
                    .build();
            assertThat(c.between(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z")))
                    .isZero();
            // The next opening after Saturday is Monday 09:00 EDT.
            assertThat(c.nextOpen(at("2026-03-07T12:00:00Z"))).contains(at("2026-03-09T13:00:00Z"));
        }
    }

    @Nested
    @DisplayName("New York, clocks back 2026-11-01 02:00 EDT -> 01:00 EST")
    class NewYorkFallBack {
        // 00:00 EDT = 04:00Z; 01:00 EDT = 05:00Z; 02:00 EDT = 06:00Z = 01:00 EST; 03:00 EST = 08:00Z.
        final Instant midnight = at("2026-11-01T04:00:00Z");
        final Instant noon = at("2026-11-01T17:00:00Z");

        @Test
        void intervalOverTheRepeatedHour_isOneHourLonger() {
            BusinessCalendar c = everyDay(NEW_YORK, "00:00-03:00");
            assertThat(c.between(midnight, noon)).isEqualTo(hours(4));
            assertThat(c.plus(midnight, hours(4))).isEqualTo(at("2026-11-01T08:00:00Z")); // 03:00 EST
            assertThat(c.isOpen(at("2026-11-01T05:30:00Z"))).isTrue(); // 01:30 EDT
            assertThat(c.isOpen(at("2026-11-01T06:30:00Z"))).isTrue(); // 01:30 EST
        }

        @Test
        void intervalEndingInTheRepeatedHour_opensAgainWhenTheClocksGoBack() {
            BusinessCalendar c = everyDay(NEW_YORK, "00:00-01:30");
            // Open 04:00-05:30Z (00:00-01:30 EDT) and 06:00-06:30Z (01:00-01:30 EST).
            assertThat(c.between(midnight, noon)).isEqualTo(hours(2));
            assertThat(c.plus(midnight, hours(1.5))).isEqualTo(at("2026-11-01T05:30:00Z"));
            assertThat(c.plus(midnight, Duration.ofMinutes(91))).isEqualTo(at("2026-11-01T06:01:00Z"));
            assertThat(c.isOpen(at("2026-11-01T05:45:00Z"))).isFalse(); // 01:45 EDT
            assertThat(c.isOpen(at("2026-11-01T06:15:00Z"))).isTrue(); // 01:15 EST
            assertThat(c.nextOpen(at("2026-11-01T05:30:00Z"))).contains(at("2026-11-01T06:00:00Z"));
        }

        @Test
        void intervalStartingInTheRepeatedHour_closesAtTheFoldAndOpensAgain() {
            BusinessCalendar c = everyDay(NEW_YORK, "01:30-03:00");
            // Open 05:30-06:00Z (01:30-02:00 EDT), closed 06:00-06:30Z (01:00-01:30 EST), open
            // 06:30-08:00Z (01:30-03:00 EST).
            assertThat(c.between(midnight, noon)).isEqualTo(hours(2));
            assertThat(c.nextOpen(midnight)).contains(at("2026-11-01T05:30:00Z"));
            assertThat(c.nextOpen(at("2026-11-01T06:00:00Z"))).contains(at("2026-11-01T06:30:00Z"));
            assertThat(c.plus(at("2026-11-01T05:30:00Z"), hours(0.5))).isEqualTo(at("2026-11-01T06:00:00Z"));
            assertThat(c.plus(at("2026-11-01T05:30:00Z"), Duration.ofMinutes(31)))
                    .isEqualTo(at("2026-11-01T06:31:00Z"));
        }
    }

    @Nested
    @DisplayName("London, 2026-03-29 01:00 GMT -> 02:00 BST and 2026-10-25 02:00 BST -> 01:00 GMT")
    class London {
        final BusinessCalendar calendar = everyDay(LONDON, "00:00-03:00");

        @Test
        void springForward_twoHours() {
            // 00:00 GMT = 00:00Z, 01:00 GMT = 01:00Z = 02:00 BST, 03:00 BST = 02:00Z.
            assertThat(calendar.between(at("2026-03-28T23:00:00Z"), at("2026-03-29T12:00:00Z")))
                    .isEqualTo(hours(2));
            assertThat(calendar.plus(at("2026-03-29T00:30:00Z"), hours(1))).isEqualTo(at("2026-03-29T01:30:00Z"));
        }

        @Test
        void fallBack_fourHours() {
            // 00:00 BST = 10-24T23:00Z, 02:00 BST = 01:00Z = 01:00 GMT, 03:00 GMT = 03:00Z.
            assertThat(calendar.between(at("2026-10-24T22:00:00Z"), at("2026-10-25T12:00:00Z")))
                    .isEqualTo(hours(4));
            assertThat(calendar.plus(at("2026-10-24T23:00:00Z"), hours(4))).isEqualTo(at("2026-10-25T03:00:00Z"));
            assertThat(calendar.plus(at("2026-10-24T23:00:00Z"), Duration.ofMinutes(241)))
                    .isEqualTo(at("2026-10-26T00:01:00Z")); // Monday 00:01 GMT
        }
    }

    @Nested
    @DisplayName(
            "Lord Howe, 30-minute shifts: 2026-04-05 02:00 +11:00 -> 01:30 +10:30, 2026-10-04 02:00 +10:30 -> 02:30 +11:00")
    class LordHowe {
        final BusinessCalendar calendar = everyDay(LORD_HOWE, "01:00-04:00");

        @Test
        void fallBack_halfAnHourLonger() {
            // 01:00 +11:00 = 04-04T14:00Z; 02:00 +11:00 = 15:00Z = 01:30 +10:30; 04:00 +10:30 = 17:30Z.
            assertThat(calendar.between(at("2026-04-04T13:00:00Z"), at("2026-04-05T00:00:00Z")))
                    .isEqualTo(hours(3.5));
            assertThat(calendar.plus(at("2026-04-04T14:00:00Z"), hours(3.5))).isEqualTo(at("2026-04-04T17:30:00Z"));
            assertThat(calendar.isOpen(at("2026-04-04T15:15:00Z"))).isTrue(); // 01:45 +10:30, the second time
        }

        @Test
        void springForward_halfAnHourShorter() {
            // 01:00 +10:30 = 10-03T14:30Z; 02:00 +10:30 = 15:30Z = 02:30 +11:00; 04:00 +11:00 = 17:00Z.
            assertThat(calendar.between(at("2026-10-03T13:00:00Z"), at("2026-10-04T00:00:00Z")))
                    .isEqualTo(hours(2.5));
            // 01:00-02:00 +10:30 is the first hour; 02:00 +10:30 is 02:30 +11:00.
            assertThat(calendar.plus(at("2026-10-03T14:30:00Z"), hours(1))).isEqualTo(at("2026-10-03T15:30:00Z"));
            assertThat(calendar.plus(at("2026-10-03T14:30:00Z"), hours(2))).isEqualTo(at("2026-10-03T16:30:00Z"));
            assertThat(calendar.plus(at("2026-10-03T14:30:00Z"), hours(2.5))).isEqualTo(at("2026-10-03T17:00:00Z"));
        }
    }

    @Nested
    @DisplayName("Apia skipped 2011-12-30: midnight -10:00 became 2011-12-31 00:00 +14:00")
    class ApiaSkippedADay {
        final BusinessCalendar calendar = everyDay(ZoneId.of("Pacific/Apia"), "09:00-17:00");

        @Test
        void theMissingDateHasNoHours_andAHolidayOnItChangesNothing() {
            // 2011-12-29 09:00 -10:00 = 19:00Z; 17:00 -10:00 = 12-30T03:00Z; 2011-12-31 09:00 +14:00 =
            // 12-30T19:00Z; 17:00 +14:00 = 12-31T03:00Z. 24 hours elapse from local midnight on the
            // 29th to local midnight after the 31st; 16 of them are open.
            Instant from = at("2011-12-29T10:00:00Z");
            Instant to = at("2011-12-31T10:00:00Z");
            assertThat(calendar.between(from, to)).isEqualTo(hours(16));
            assertThat(calendar.plus(at("2011-12-30T02:00:00Z"), hours(2))).isEqualTo(at("2011-12-30T20:00:00Z"));
            assertThat(calendar.nextOpen(at("2011-12-30T03:00:00Z"))).contains(at("2011-12-30T19:00:00Z"));
            BusinessCalendar withHoliday = BusinessCalendar.builder(ZoneId.of("Pacific/Apia"))
                    .hours(DayOfWeek.THURSDAY, "09:00-17:00")
                    .hours(DayOfWeek.SATURDAY, "09:00-17:00")
                    .holiday(LocalDate.of(2011, 12, 30), "00:00-24:00")
                    .build();
            assertThat(withHoliday.between(from, to)).isEqualTo(hours(16));
        }
    }

    @Nested
    @DisplayName("Overnight intervals")
    class Overnight {
        @Test
        void acrossSpringForward_sevenHoursNotEight() {
            // Saturday 2026-03-07 22:00 EST = 03-08T03:00Z until Sunday 06:00 EDT = 10:00Z.
            BusinessCalendar c = BusinessCalendar.builder(NEW_YORK)
                    .hours(DayOfWeek.SATURDAY, "22:00-06:00")
                    .build();
            assertThat(c.between(at("2026-03-07T12:00:00Z"), at("2026-03-09T00:00:00Z")))
                    .isEqualTo(hours(7));
            assertThat(c.plus(at("2026-03-08T03:00:00Z"), hours(7))).isEqualTo(at("2026-03-08T10:00:00Z"));
            assertThat(c.isOpen(at("2026-03-08T09:59:00Z"))).isTrue();
        }

        @Test
        void acrossFallBack_nineHours() {
            // Saturday 2026-10-31 22:00 EDT = 11-01T02:00Z until Sunday 06:00 EST = 11:00Z.
            BusinessCalendar c = BusinessCalendar.builder(NEW_YORK)
                    .hours(DayOfWeek.SATURDAY, "22:00-06:00")
                    .build();
            assertThat(c.between(at("2026-10-31T12:00:00Z"), at("2026-11-02T00:00:00Z")))
                    .isEqualTo(hours(9));
        }

        @Test
        void belongsToItsStartDate_aHolidayThereRemovesItWhole_aHolidayNextDayDoesNot() {
            // Fridays 22:00-02:00 in Kolkata (+05:30, no DST): Friday 2026-01-09 22:00 = 16:30Z.
            BusinessCalendar plain = BusinessCalendar.builder(KOLKATA)
                    .hours(DayOfWeek.FRIDAY, "22:00-02:00")
                    .build();
            BusinessCalendar saturdayHoliday = BusinessCalendar.builder(KOLKATA)
                    .hours(DayOfWeek.FRIDAY, "22:00-02:00")
                    .closed(LocalDate.of(2026, 1, 10))
                    .build();
            BusinessCalendar fridayHoliday = BusinessCalendar.builder(KOLKATA)
                    .hours(DayOfWeek.FRIDAY, "22:00-02:00")
                    .closed(LocalDate.of(2026, 1, 9))
                    .build();
            Instant friday = at("2026-01-09T00:00:00Z");
            Instant sunday = at("2026-01-11T00:00:00Z");
            Instant saturdayOneAm = at("2026-01-09T19:30:00Z"); // Saturday 01:00 IST
            assertThat(plain.between(friday, sunday)).isEqualTo(hours(4));
            assertThat(saturdayHoliday.between(friday, sunday)).isEqualTo(hours(4));
            assertThat(saturdayHoliday.isOpen(saturdayOneAm)).isTrue();
            assertThat(fridayHoliday.between(friday, sunday)).isZero();
            assertThat(fridayHoliday.isOpen(saturdayOneAm)).isFalse();
            assertThat(fridayHoliday.nextOpen(friday)).contains(at("2026-01-16T16:30:00Z"));
        }

        @Test
        void endingAtMidnight_plusLandsOnMidnight() {
            // Fridays 18:00-24:00 in Kolkata: Friday 2026-01-09 23:00 IST = 17:30Z, midnight = 18:30Z.
            BusinessCalendar c = BusinessCalendar.builder(KOLKATA)
                    .hours(DayOfWeek.FRIDAY, "18:00-24:00")
                    .build();
            assertThat(c.plus(at("2026-01-09T17:30:00Z"), hours(1))).isEqualTo(at("2026-01-09T18:30:00Z"));
            assertThat(c.isOpen(at("2026-01-09T18:30:00Z"))).isFalse();
            // One minute more is the next Friday 18:01 IST.
            assertThat(c.plus(at("2026-01-09T17:30:00Z"), Duration.ofMinutes(61)))
                    .isEqualTo(at("2026-01-16T12:31:00Z"));
        }
    }

    @Nested
    @DisplayName("Holidays and typical targets")
    class Targets {
        @Test
        void partialDayAndClosedDays_christmasInLondon() {
            // GMT = UTC in December. Thursday 24th 09:00-13:00, Friday 25th and Monday 28th closed.
            BusinessCalendar c = BusinessCalendar.builder(LONDON)
                    .weekdays("09:00-17:00")
                    .holiday(LocalDate.of(2026, 12, 24), "09:00-13:00")
                    .closed(LocalDate.of(2026, 12, 25))
                    .closed(LocalDate.of(2026, 12, 28))
                    .build();
            assertThat(c.plus(at("2026-12-24T12:00:00Z"), hours(3))).isEqualTo(at("2026-12-29T11:00:00Z"));
            assertThat(c.between(at("2026-12-24T00:00:00Z"), at("2026-12-30T00:00:00Z")))
                    .isEqualTo(hours(12));
            assertThat(c.isOpen(at("2026-12-24T14:00:00Z"))).isFalse();
            assertThat(c.nextOpen(at("2026-12-24T13:00:00Z"))).contains(at("2026-12-29T09:00:00Z"));
        }

        @Test
        void eightBusinessHoursFromFridayAfternoon_landsOnMonday() {
            // Friday 2026-02-06 15:00 EST = 20:00Z: 2 hours on Friday, 6 on Monday: 15:00 EST.
            BusinessCalendar c =
                    BusinessCalendar.builder(NEW_YORK).weekdays("09:00-17:00").build();
            assertThat(c.plus(at("2026-02-06T20:00:00Z"), hours(8))).isEqualTo(at("2026-02-09T20:00:00Z"));
            // From Saturday the count starts on Monday 09:00 EST.
            assertThat(c.plus(at("2026-02-07T15:00:00Z"), hours(8))).isEqualTo(at("2026-02-09T22:00:00Z"));
            // A full day from the opening ends at that day's close, not at the next opening.
            assertThat(c.plus(at("2026-02-09T14:00:00Z"), hours(8))).isEqualTo(at("2026-02-09T22:00:00Z"));
        }

        @Test
        void zeroBusinessTime_isTheStartItself_openOrNot() {
            BusinessCalendar c =
                    BusinessCalendar.builder(NEW_YORK).weekdays("09:00-17:00").build();
            Instant saturday = at("2026-02-07T15:00:00Z");
            assertThat(c.plus(saturday, Duration.ZERO)).isEqualTo(saturday);
            assertThat(c.plus(at("2026-02-09T14:00:00Z"), Duration.ZERO)).isEqualTo(at("2026-02-09T14:00:00Z"));
        }

        @Test
        void openOnlyOnSaturdays() {
            // Saturdays 10:00-14:00 BST = 09:00-13:00Z in June 2026.
            BusinessCalendar c = BusinessCalendar.builder(LONDON)
                    .hours(DayOfWeek.SATURDAY, "10:00-14:00")
                    .build();
            Instant monday = at("2026-06-01T09:00:00Z");
            assertThat(c.nextOpen(monday)).contains(at("2026-06-06T09:00:00Z"));
            assertThat(c.plus(monday, hours(6))).isEqualTo(at("2026-06-13T11:00:00Z"));
            assertThat(c.between(monday, at("2026-06-15T09:00:00Z"))).isEqualTo(hours(8));
        }

        @Test
        void aYearOfOfficeHoursInKolkata_isEightHoursPerWeekday() {
            BusinessCalendar c =
                    BusinessCalendar.builder(KOLKATA).weekdays("09:30-17:30").build();
            int weekdays = 0;
            for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
                if (d.getDayOfWeek().getValue() <= 5) {
                    weekdays++;
                }
            }
            Instant from = LocalDate.of(2026, 1, 1).atStartOfDay(KOLKATA).toInstant();
            Instant to = LocalDate.of(2027, 1, 1).atStartOfDay(KOLKATA).toInstant();
            assertThat(weekdays).isEqualTo(261);
            assertThat(c.between(from, to)).isEqualTo(Duration.ofHours(8L * weekdays));
            // Monday 2026-01-05 09:30 IST = 04:00Z, 8 hours later 17:30 IST = 12:00Z.
            assertThat(c.plus(at("2026-01-05T04:00:00Z"), hours(8))).isEqualTo(at("2026-01-05T12:00:00Z"));
        }
    }

    @Nested
    @DisplayName("Always open: business time is elapsed time")
    class AlwaysOpen {
        final BusinessCalendar calendar = BusinessCalendar.alwaysOpen(NEW_YORK);

        @Test
        void acrossSpringForward_theShortDayHas23Hours() {
            Instant saturdayNoon = at("2026-03-07T17:00:00Z"); // 12:00 EST
            Instant sundayNoon = at("2026-03-08T16:00:00Z"); // 12:00 EDT
            assertThat(calendar.between(saturdayNoon, sundayNoon)).isEqualTo(hours(23));
            assertThat(calendar.plus(saturdayNoon, hours(24))).isEqualTo(at("2026-03-08T17:00:00Z"));
        }

        @Test
        void acrossFallBack_andAnyInstant() {
            Instant saturdayNoon = at("2026-10-31T16:00:00Z"); // 12:00 EDT
            assertThat(calendar.plus(saturdayNoon, hours(24))).isEqualTo(at("2026-11-01T16:00:00Z")); // 11:00 EST
            Instant a = at("2026-11-01T05:59:59.123456789Z");
            Instant b = at("2029-02-03T04:05:06.7Z");
            assertThat(calendar.between(a, b)).isEqualTo(Duration.between(a, b));
            assertThat(calendar.plus(a, Duration.between(a, b))).isEqualTo(b);
            assertThat(calendar.nextOpen(a)).contains(a);
        }
    }

    @Nested
    @DisplayName("Limits")
    class Limits {
        @Test
        void openOnlyOnHolidays_afterTheLastOne_nextOpenIsEmptyAndPlusThrows() {
            BusinessCalendar c = BusinessCalendar.builder(LONDON)
                    .holiday(LocalDate.of(2026, 12, 31), "20:00-02:00")
                    .build();
            Instant before = at("2026-01-01T00:00:00Z");
            assertThat(c.nextOpen(before)).contains(at("2026-12-31T20:00:00Z"));
            assertThat(c.plus(before, hours(6))).isEqualTo(at("2027-01-01T02:00:00Z"));
            assertThat(c.nextOpen(at("2027-01-01T02:00:00Z"))).isEqualTo(Optional.empty());
            assertThatThrownBy(() -> c.plus(before, Duration.ofMinutes(361)))
                    .isInstanceOf(DateTimeException.class)
                    .hasMessageContaining("36525 days");
        }

        @Test
        void spansLongerThanTheLimit_areRefused_andTheLimitItselfWorks() {
            BusinessCalendar c = BusinessCalendar.alwaysOpen(LONDON);
            Instant a = at("2000-01-01T00:00:00Z");
            assertThat(c.between(a, a.plus(BusinessCalendar.MAX_SPAN))).isEqualTo(BusinessCalendar.MAX_SPAN);
            assertThat(c.plus(a, BusinessCalendar.MAX_SPAN)).isEqualTo(a.plus(BusinessCalendar.MAX_SPAN));
            assertThatThrownBy(
                            () -> c.between(a, a.plus(BusinessCalendar.MAX_SPAN).plusNanos(1)))
                    .isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> c.plus(a, BusinessCalendar.MAX_SPAN.plusNanos(1)))
                    .isInstanceOf(DateTimeException.class);
        }

        @Test
        void negativeBusinessTime_isRefused_negativeSpansAreNegative() {
            BusinessCalendar c =
                    BusinessCalendar.builder(LONDON).weekdays("09:00-17:00").build();
            assertThatThrownBy(() -> c.plus(at("2026-06-01T09:00:00Z"), Duration.ofNanos(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(c.between(at("2026-06-02T08:00:00Z"), at("2026-06-01T08:00:00Z")))
                    .isEqualTo(hours(-8));
        }

        @Test
        void instantsAtTheEndsOfTime_doNotBreakIsOpenOrNextOpen() {
            BusinessCalendar c =
                    BusinessCalendar.builder(LONDON).weekdays("09:00-17:00").build();
            assertThat(c.isOpen(Instant.MAX)).isIn(true, false);
            assertThat(c.isOpen(Instant.MIN)).isIn(true, false);
            assertThatThrownBy(() -> c.between(Instant.MIN, Instant.MAX)).isInstanceOf(DateTimeException.class);
        }
    }
}
