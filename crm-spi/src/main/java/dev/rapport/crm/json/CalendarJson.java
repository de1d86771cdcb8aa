package dev.rapport.crm.json;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import dev.rapport.crm.model.calendar.BusinessCalendar;
import dev.rapport.crm.model.calendar.OpeningInterval;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON form of business calendars, read back through the calendar's builder so that stored
 * JSON is checked as strictly as code: every problem is reported at once, with its field path.
 *
 * <pre>{@code
 * {"zone":"Europe/London",
 *  "hours":{"MONDAY":["09:00-12:00","13:00-17:00"],"FRIDAY":["09:00-12:00","22:00-02:00"]},
 *  "holidays":{"2026-12-24":["09:00-13:00"],"2026-12-25":[]}}
 * }</pre>
 *
 * Days without weekly hours are left out of {@code hours}; a holiday closed throughout is an empty
 * list. Intervals are written as {@link OpeningInterval#toString()} prints them.
 */
final class CalendarJson {
    private CalendarJson() {}

    static void register(SimpleModule module) {
        module.addSerializer(OpeningInterval.class, new ValueSerializer<OpeningInterval>() {
            @Override
            public void serialize(OpeningInterval value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(OpeningInterval.class, new ValueDeserializer<OpeningInterval>() {
            @Override
            public OpeningInterval deserialize(JsonParser p, DeserializationContext ctxt) {
                return OpeningInterval.parse(p.getValueAsString(""));
            }
        });
        module.addSerializer(BusinessCalendar.class, new ValueSerializer<BusinessCalendar>() {
            @Override
            public void serialize(BusinessCalendar value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeStartObject();
                gen.writeStringProperty("zone", value.zone().getId());
                gen.writeObjectPropertyStart("hours");
                for (Map.Entry<DayOfWeek, List<OpeningInterval>> e :
                        value.hours().entrySet()) {
                    if (!e.getValue().isEmpty()) {
                        gen.writeName(e.getKey().name());
                        intervals(gen, e.getValue());
                    }
                }
                gen.writeEndObject();
                gen.writeObjectPropertyStart("holidays");
                for (Map.Entry<LocalDate, List<OpeningInterval>> e :
                        value.holidays().entrySet()) {
                    gen.writeName(e.getKey().toString());
                    intervals(gen, e.getValue());
                }
                gen.writeEndObject();
                gen.writeEndObject();
            }
        });
        module.addDeserializer(BusinessCalendar.class, new ValueDeserializer<BusinessCalendar>() {
            @Override
            public BusinessCalendar deserialize(JsonParser p, DeserializationContext ctxt) {
                return read(ctxt.readTree(p));
            }
        });
    }

    private static void intervals(JsonGenerator gen, List<OpeningInterval> intervals) {
        gen.writeStartArray();
        for (OpeningInterval i : intervals) {
            gen.writeString(i.toString());
        }
        gen.writeEndArray();
    }

    private static BusinessCalendar read(JsonNode node) {
        List<Violation> found = new ArrayList<>();
        if (!node.isObject()) {
            throw ValidationException.of("BusinessCalendar", "expected an object");
        }
        JsonNode zone = node.path("zone");
        BusinessCalendar.Builder builder = BusinessCalendar.builder(zone.isString() ? zone.stringValue() : "");
        if (!zone.isString()) {
            found.add(new Violation("zone", "required, a time zone id such as Europe/London"));
        }
        JsonNode hours = node.path("hours");
        if (hours.isObject()) {
            for (Map.Entry<String, JsonNode> e : hours.properties()) {
                String path = "hours[" + e.getKey() + "]";
                DayOfWeek day;
                try {
                    day = DayOfWeek.valueOf(e.getKey());
                } catch (IllegalArgumentException ex) {
                    found.add(new Violation(path, "not a day of the week (MONDAY to SUNDAY)"));
                    continue;
                }
                builder.hours(day, texts(e.getValue(), path, found));
            }
        } else if (!hours.isMissingNode() && !hours.isNull()) {
            found.add(new Violation("hours", "expected an object of days"));
        }
        JsonNode holidays = node.path("holidays");
        if (holidays.isObject()) {
            for (Map.Entry<String, JsonNode> e : holidays.properties()) {
                String path = "holidays[" + e.getKey() + "]";
                LocalDate date;
                try {
                    date = LocalDate.parse(e.getKey());
                } catch (DateTimeParseException ex) {
                    found.add(new Violation(path, "not a date (YYYY-MM-DD)"));
                    continue;
                }
                @Nullable String[] texts = texts(e.getValue(), path, found);
                if (texts.length == 0) {
                    builder.closed(date);
                } else {
                    builder.holiday(date, texts);
                }
            }
        } else if (!holidays.isMissingNode() && !holidays.isNull()) {
            found.add(new Violation("holidays", "expected an object of dates"));
        }
        BusinessCalendar calendar = null;
        try {
            calendar = builder.build();
        } catch (ValidationException e) {
            for (Violation v : e.violations()) {
                // An absent zone is reported once, as above.
                if (!found.contains(v) && !(v.path().equals("zone") && !zone.isString())) {
                    found.add(v);
                }
            }
        }
        if (calendar == null || !found.isEmpty()) {
            throw new ValidationException(found);
        }
        return calendar;
    }

    /** @return the interval texts of a JSON array; a non-text element stays as null, refused by the builder */
    private static @Nullable String[] texts(JsonNode array, String path, List<Violation> found) {
        if (!array.isArray()) {
            found.add(new Violation(path, "expected an array of intervals"));
            return new String[0];
        }
        @Nullable String[] texts = new String[array.size()];
        for (int i = 0; i < texts.length; i++) {
            JsonNode item = array.get(i);
            texts[i] = item.isString() ? item.stringValue() : null;
        }
        return texts;
    }
}
