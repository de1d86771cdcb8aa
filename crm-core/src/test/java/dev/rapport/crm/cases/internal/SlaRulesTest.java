package dev.rapport.crm.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.calendar.BusinessCalendar;
import dev.rapport.crm.model.cases.SlaClock;
import dev.rapport.crm.model.cases.SlaMetric;
import dev.rapport.crm.model.cases.SlaPolicy;
import dev.rapport.crm.model.cases.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The due-time rule against a plain reference: step minute by minute from the start, counting a
 * minute when the clock runs (not inside a pause) and, for business time, the calendar is open,
 * until the target is used up. Generated starts, pauses, targets and calendars; the seed is
 * printed and pinned with {@code -Drapport.seed=}.
 */
class SlaRulesTest {
    private static final long SEED = Long.getLong("rapport.seed", System.nanoTime());
    private static final Instant BASE = Instant.parse("2026-03-02T00:00:00Z");
    private static final String[] ZONES = {"Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"};

    private static SlaPolicy policy(BusinessCalendar calendar, SlaTarget target) {
        return new SlaPolicy(
                SlaPolicyId.of(UUID.randomUUID()),
                1,
                "p",
                0,
                Set.of(),
                Set.of(),
                Set.of(),
                Map.of(),
                List.of(target),
                calendar,
                true,
                List.of(),
                BASE,
                BASE);
    }

    private static BusinessCalendar calendar(SplittableRandom r) {
        ZoneId zone = ZoneId.of(ZONES[r.nextInt(ZONES.length)]);
        switch (r.nextInt(3)) {
            case 0:
                return BusinessCalendar.alwaysOpen(zone);
            case 1:
                return BusinessCalendar.builder(zone).weekdays("09:00-17:00").build();
            default:
                return BusinessCalendar.builder(zone)
                        .weekdays("08:00-12:00", "13:00-18:30")
                        .hours(java.time.DayOfWeek.SATURDAY, "22:00-02:00")
                        .closed(java.time.LocalDate.of(2026, 3, 9 + r.nextInt(10)))
                        .build();
        }
    }

    /** Minute stepping, written from the rule. */
    private static @Nullable Instant reference(
            BusinessCalendar calendar, SlaTarget target, Instant start, List<SlaClock.Pause> pauses) {
        long needed = target.within().toMinutes();
        long used = 0;
        Instant t = start;
        for (int step = 0; step < 60 * 24 * 120; step++) {
            if (used >= needed) {
                return t;
            }
            Instant at = t;
            SlaClock.Pause open = pauses.stream()
                    .filter(p -> !at.isBefore(p.from()) && (p.until() == null || at.isBefore(p.until())))
                    .findFirst()
                    .orElse(null);
            if (open != null && open.until() == null) {
                return null;
            }
            boolean counts = open == null && (!target.businessTime() || calendar.isOpen(at));
            if (counts) {
                used++;
            }
            t = t.plusSeconds(60);
        }
        throw new AssertionError("reference did not finish");
    }

    @Test
    void due_agreesWithMinuteStepping() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < 400; i++) {
            BusinessCalendar calendar = calendar(r);
            SlaTarget target = new SlaTarget(
                    SlaMetric.values()[r.nextInt(3)], Duration.ofMinutes(1 + r.nextInt(60 * 40)), r.nextBoolean());
            Instant start = BASE.plusSeconds(60L * r.nextInt(60 * 24 * 14));
            List<SlaClock.Pause> pauses = new ArrayList<>();
            Instant cursor = start;
            int count = r.nextInt(4);
            for (int p = 0; p < count; p++) {
                Instant from = cursor.plusSeconds(60L * r.nextInt(60 * 24 * 2));
                boolean last = p == count - 1 && r.nextInt(4) == 0;
                Instant until = last ? null : from.plusSeconds(60L * (1 + r.nextInt(60 * 24 * 3)));
                pauses.add(new SlaClock.Pause(from, until));
                if (until == null) {
                    break;
                }
                cursor = until;
            }
            Instant expected = reference(calendar, target, start, pauses);
            Instant actual = SlaRules.due(policy(calendar, target), target, start, pauses);
            assertThat(actual)
                    .as("seed %d, case %d: %s from %s with pauses %s in %s", SEED, i, target, start, pauses, calendar)
                    .isEqualTo(expected);
        }
    }
}
