package dev.rapport.crm.model.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.testing.EqualsTester;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calendars are values: equality, printing, and the JSON round trip through {@link CrmJson}. */
class BusinessCalendarValueTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static BusinessCalendar.Builder office() {
        return BusinessCalendar.builder(LONDON)
                .weekdays("09:00-12:00", "13:00-17:00")
                .hours(DayOfWeek.FRIDAY, "22:00-02:00")
                .hours(DayOfWeek.SATURDAY, "10:00-24:00")
                .holiday(LocalDate.of(2026, 12, 24), "09:00-13:00")
                .closed(LocalDate.of(2026, 12, 25));
    }

    @Test
    void equality_byZoneHoursAndHolidays_notByTheOrderGiven() {
        BusinessCalendar reordered = BusinessCalendar.builder("Europe/London")
                .closed(LocalDate.of(2026, 12, 25))
                .hours(DayOfWeek.SATURDAY, List.of(OpeningInterval.parse("10:00-00:00")))
                .hours(DayOfWeek.FRIDAY, "22:00-02:00")
                .weekdays("13:00-17:00", "09:00-12:00")
                .holiday(LocalDate.of(2026, 12, 24), List.of(OpeningInterval.parse("09:00-13:00")))
                .build();
        new EqualsTester()
                .addEqualityGroup(office().build(), office().build(), reordered)
                .addEqualityGroup(office().closed(LocalDate.of(2026, 12, 28)).build())
                .addEqualityGroup(
                        office().hours(DayOfWeek.SUNDAY, "10:00-12:00").build())
                .addEqualityGroup(BusinessCalendar.builder(ZoneId.of("Europe/Dublin"))
                        .weekdays("09:00-12:00", "13:00-17:00")
                        .hours(DayOfWeek.FRIDAY, "22:00-02:00")
                        .hours(DayOfWeek.SATURDAY, "10:00-24:00")
                        .holiday(LocalDate.of(2026, 12, 24), "09:00-13:00")
                        .closed(LocalDate.of(2026, 12, 25))
                        .build())
                .addEqualityGroup(BusinessCalendar.alwaysOpen(LONDON), BusinessCalendar.alwaysOpen(LONDON))
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(OpeningInterval.parse("09:00-24:00"), OpeningInterval.parse("09:00-00:00"))
                .addEqualityGroup(OpeningInterval.parse("09:00-17:00"))
                .addEqualityGroup(OpeningInterval.parse("09:00:00.000000001-17:00"))
                .testEquals();
    }

    @Test
    void toString_showsZoneHoursAndHolidays() {
        assertThat(office().build())
                .hasToString("BusinessCalendar[zone=Europe/London, hours={MONDAY=[09:00-12:00, 13:00-17:00],"
                        + " TUESDAY=[09:00-12:00, 13:00-17:00], WEDNESDAY=[09:00-12:00, 13:00-17:00],"
                        + " THURSDAY=[09:00-12:00, 13:00-17:00], FRIDAY=[09:00-12:00, 13:00-17:00, 22:00-02:00],"
                        + " SATURDAY=[10:00-24:00]}, holidays={2026-12-24=[09:00-13:00], 2026-12-25=[]}]");
    }

    @Test
    void json_writesAReadableFormAndReadsItBackEqual() {
        BusinessCalendar calendar = office().build();
        String json = CrmJson.write(calendar);
        assertThat(json)
                .isEqualTo("{\"zone\":\"Europe/London\",\"hours\":{"
                        + "\"MONDAY\":[\"09:00-12:00\",\"13:00-17:00\"],"
                        + "\"TUESDAY\":[\"09:00-12:00\",\"13:00-17:00\"],"
                        + "\"WEDNESDAY\":[\"09:00-12:00\",\"13:00-17:00\"],"
                        + "\"THURSDAY\":[\"09:00-12:00\",\"13:00-17:00\"],"
                        + "\"FRIDAY\":[\"09:00-12:00\",\"13:00-17:00\",\"22:00-02:00\"],"
                        + "\"SATURDAY\":[\"10:00-24:00\"]},"
                        + "\"holidays\":{\"2026-12-24\":[\"09:00-13:00\"],\"2026-12-25\":[]}}");
        assertThat(CrmJson.read(json, BusinessCalendar.class)).isEqualTo(calendar);
    }

    @Test
    void json_roundTripsGeneratedCalendars_andTheirAnswers() {
        for (CalendarGenerator.Window window : CalendarGenerator.WINDOWS) {
            for (int i = 0; i < 50; i++) {
                CalendarGenerator g = new CalendarGenerator(Seeds.of("json", window, i), window, Duration.ofSeconds(1));
                BusinessCalendar calendar = g.calendar();
                BusinessCalendar read = CrmJson.read(CrmJson.write(calendar), BusinessCalendar.class);
                assertThat(read).as(Seeds.replay("json", window, i)).isEqualTo(calendar);
                assertThat(read.hashCode()).isEqualTo(calendar.hashCode());
                Instant a = g.start(calendar);
                Instant b = a.plus(Duration.ofDays(60));
                assertThat(read.between(a, b)).isEqualTo(calendar.between(a, b));
                assertThat(read.nextOpen(a)).isEqualTo(calendar.nextOpen(a));
            }
        }
        assertThat(CrmJson.read(
                        CrmJson.write(BusinessCalendar.alwaysOpen(ZoneId.of("Asia/Kolkata"))), BusinessCalendar.class))
                .isEqualTo(BusinessCalendar.alwaysOpen(ZoneId.of("Asia/Kolkata")));
    }

    @Test
    void json_nanosecondIntervals_roundTrip() {
        BusinessCalendar calendar = BusinessCalendar.builder(LONDON)
                .hours(DayOfWeek.MONDAY, "09:00:00.000000001-17:30:15.25")
                .build();
        assertThat(CrmJson.read(CrmJson.write(calendar), BusinessCalendar.class))
                .isEqualTo(calendar);
        assertThat(CrmJson.write(OpeningInterval.parse("22:00-02:00"))).isEqualTo("\"22:00-02:00\"");
        assertThat(CrmJson.read("\"18:00-24:00\"", OpeningInterval.class))
                .isEqualTo(OpeningInterval.parse("18:00-24:00"));
    }

    @Test
    void json_badInput_isRefusedNamingEveryField() {
        String json = "{\"zone\":\"Nowhere/Atlantis\",\"hours\":{\"MONDAY\":[\"09:00-12:00\",\"11:00-13:00\"],"
                + "\"FUNDAY\":[\"09:00-10:00\"],\"TUESDAY\":\"09:00-17:00\",\"WEDNESDAY\":[42]},"
                + "\"holidays\":{\"2026-02-30\":[],\"2026-12-24\":[\"9 to 1\"]}}";
        ValidationException e =
                catchThrowableOfType(ValidationException.class, () -> CrmJson.read(json, BusinessCalendar.class));
        assertThat(e).isNotNull();
        assertThat(e.violations().stream().map(Object::toString))
                .containsExactlyInAnyOrder(
                        "hours[FUNDAY]: not a day of the week (MONDAY to SUNDAY)",
                        "hours[TUESDAY]: expected an array of intervals",
                        "holidays[2026-02-30]: not a date (YYYY-MM-DD)",
                        "zone: unknown time zone 'Nowhere/Atlantis'",
                        "hours[WEDNESDAY][0]: required",
                        "holidays[2026-12-24][0]: not an interval like 09:00-17:00: '9 to 1'",
                        "hours[MONDAY][1]: overlaps 09:00-12:00");
        ValidationException noZone = catchThrowableOfType(
                ValidationException.class,
                () -> CrmJson.read("{\"hours\":{\"MONDAY\":[\"09:00-12:00\"]}}", BusinessCalendar.class));
        assertThat(noZone.violations().stream().map(Object::toString))
                .containsExactly("zone: required, a time zone id such as Europe/London");
        assertThat(catchThrowableOfType(ValidationException.class, () -> CrmJson.read("[1,2]", BusinessCalendar.class)))
                .isNotNull();
    }
}
