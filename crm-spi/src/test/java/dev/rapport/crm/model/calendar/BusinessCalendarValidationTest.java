package dev.rapport.crm.model.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.crm.model.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bad builder input is named with its field path and reason, all of them at once. */
class BusinessCalendarValidationTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static List<String> problems(BusinessCalendar.Builder builder) {
        ValidationException e = catchThrowableOfType(ValidationException.class, builder::build);
        assertThat(e).as("build() should refuse").isNotNull();
        return e.violations().stream().map(Object::toString).toList();
    }

    @Test
    void build_namesEveryProblemAtOnce() {
        BusinessCalendar.Builder b = BusinessCalendar.builder("Mars/Olympus_Mons")
                .hours(DayOfWeek.MONDAY, "09:00-12:00", "11:00-13:00")
                .hours(DayOfWeek.TUESDAY, "9-5", null)
                .hours(DayOfWeek.FRIDAY, "22:00-02:00")
                .hours(DayOfWeek.SATURDAY, "01:00-05:00")
                .hours(DayOfWeek.SUNDAY, "20:00-03:00")
                .hours(DayOfWeek.MONDAY, "02:00-04:00")
                .closed(LocalDate.of(2026, 12, 24))
                .holiday(LocalDate.of(2026, 12, 24), "09:00-13:00")
                .holiday(LocalDate.of(2026, 12, 31), "10:00-14:00", "13:00-15:00")
                .holiday(LocalDate.of(10_000, 1, 1), "10:00-14:00");
        assertThat(problems(b))
                .containsExactly(
                        "zone: unknown time zone 'Mars/Olympus_Mons'",
                        "hours[TUESDAY][0]: not an interval like 09:00-17:00: '9-5'",
                        "hours[TUESDAY][1]: required",
                        "holidays[2026-12-24]: closed throughout and also given hours",
                        "holidays[+10000-01-01]: outside the years 0001 to 9999",
                        "hours[MONDAY][1]: overlaps 09:00-12:00",
                        "hours[SATURDAY][0]: overlaps FRIDAY 22:00-02:00",
                        "hours[MONDAY][2]: overlaps SUNDAY 20:00-03:00",
                        "holidays[2026-12-31][1]: overlaps 10:00-14:00");
    }

    @Test
    void build_refusesAZoneMissing() {
        assertThat(problems(BusinessCalendar.builder((ZoneId) null).weekdays("09:00-17:00")))
                .containsExactly("zone: required");
    }

    @Test
    void build_refusesACalendarNeverOpen() {
        assertThat(problems(BusinessCalendar.builder(LONDON).closed(LocalDate.of(2026, 12, 25))))
                .containsExactly("hours: no opening hours on any day or holiday (a calendar never open is refused)");
    }

    @Test
    void build_refusesHolidaysOverlappingTheirNeighbours() {
        // Weekly Friday 22:00-02:00 into a Saturday holiday's hours; a Sunday holiday's overnight
        // interval into Monday's weekly hours; two holidays in a row.
        BusinessCalendar.Builder b = BusinessCalendar.builder(LONDON)
                .hours(DayOfWeek.FRIDAY, "22:00-02:00")
                .hours(DayOfWeek.MONDAY, "01:00-05:00")
                .holiday(LocalDate.of(2026, 12, 26), "00:00-03:00")
                .holiday(LocalDate.of(2026, 12, 27), "23:00-02:00")
                .holiday(LocalDate.of(2027, 1, 1), "21:00-09:00")
                .holiday(LocalDate.of(2027, 1, 2), "08:00-10:00");
        assertThat(problems(b))
                .containsExactly(
                        "holidays[2026-12-26][0]: overlaps FRIDAY 2026-12-25 22:00-02:00",
                        "holidays[2026-12-27][0]: overlaps MONDAY 2026-12-28 01:00-05:00",
                        "holidays[2027-01-02][0]: overlaps FRIDAY 2027-01-01 21:00-09:00");
    }

    @Test
    void build_acceptsTouchingIntervals_andAHolidayThatRemovesAnOverlap() {
        BusinessCalendar c = BusinessCalendar.builder(LONDON)
                .hours(DayOfWeek.MONDAY, "09:00-12:00", "12:00-17:00", "17:00-09:00")
                .hours(DayOfWeek.TUESDAY, "09:00-24:00")
                .hours(DayOfWeek.WEDNESDAY, "00:00-24:00")
                .hours(DayOfWeek.FRIDAY, "22:00-02:00")
                .hours(DayOfWeek.SATURDAY, "02:00-04:00")
                // A Friday holiday without the overnight interval lets that Saturday open at 01:00.
                .holiday(LocalDate.of(2026, 12, 25), "09:00-12:00")
                .holiday(LocalDate.of(2026, 12, 26), "01:00-04:00")
                .build();
        assertThat(c.hours(DayOfWeek.MONDAY)).hasSize(3);
        assertThat(c.holidays()).hasSize(2);
    }

    @Test
    void build_sortsEachDaysIntervals() {
        BusinessCalendar c = BusinessCalendar.builder(LONDON)
                .hours(DayOfWeek.MONDAY, "13:00-17:00", "09:00-12:00")
                .build();
        assertThat(c.hours(DayOfWeek.MONDAY).stream().map(Object::toString))
                .containsExactly("09:00-12:00", "13:00-17:00");
        assertThat(c.hours(DayOfWeek.TUESDAY)).isEmpty();
    }

    @Test
    void openingInterval_parsesAndPrintsRoundTrip() {
        for (String text : List.of(
                "09:00-17:00", "22:00-02:00", "18:00-24:00", "00:00-24:00", "09:00-09:00", "08:30:15.5-12:00")) {
            OpeningInterval i = OpeningInterval.parse(text);
            assertThat(OpeningInterval.parse(i.toString())).isEqualTo(i);
        }
        assertThat(OpeningInterval.parse("18:00-24:00").end()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(OpeningInterval.parse("00:00-00:00")).isEqualTo(OpeningInterval.ALL_DAY);
        assertThat(OpeningInterval.ALL_DAY).hasToString("00:00-24:00");
    }

    @Test
    void openingInterval_lengthAndMidnight() {
        assertThat(OpeningInterval.parse("09:00-17:00").length()).isEqualTo(Duration.ofHours(8));
        assertThat(OpeningInterval.parse("22:00-02:00").length()).isEqualTo(Duration.ofHours(4));
        assertThat(OpeningInterval.parse("18:00-24:00").length()).isEqualTo(Duration.ofHours(6));
        assertThat(OpeningInterval.parse("09:00-09:00").length()).isEqualTo(Duration.ofHours(24));
        assertThat(OpeningInterval.ALL_DAY.length()).isEqualTo(Duration.ofHours(24));
        assertThat(OpeningInterval.parse("22:00-02:00").crossesMidnight()).isTrue();
        assertThat(OpeningInterval.parse("09:00-09:00").crossesMidnight()).isTrue();
        assertThat(OpeningInterval.parse("18:00-24:00").crossesMidnight()).isFalse();
        assertThat(OpeningInterval.ALL_DAY.crossesMidnight()).isFalse();
    }

    @Test
    void openingInterval_refusesMalformedText() {
        for (String bad : Arrays.asList(
                "",
                "09:00",
                "-17:00",
                "09:00-",
                "9-5",
                "09:00-17:00-18:00",
                "24:00-02:00",
                "09:00-25:00",
                "09:00 - 17:00",
                "09:00-24:01")) {
            assertThatThrownBy(() -> OpeningInterval.parse(bad))
                    .as(bad)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("interval: not an interval like 09:00-17:00");
        }
    }
}
