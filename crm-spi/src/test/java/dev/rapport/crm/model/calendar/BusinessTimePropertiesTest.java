package dev.rapport.crm.model.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.model.calendar.CalendarGenerator.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Laws the arithmetic must obey on any calendar, checked on seeded random calendars, instants
 * anywhere to the nanosecond and spans up to three years (too long for the stepping reference).
 * Seed: see {@link Seeds}.
 */
class BusinessTimePropertiesTest {
    private static final int CASES = 60;
    private static final int ROUNDS = 20;

    static Stream<Arguments> cases() {
        return CalendarGenerator.WINDOWS.stream()
                .flatMap(w -> IntStream.range(0, CASES).mapToObj(i -> Arguments.of(w, i)));
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("cases")
    void laws(Window window, int index) {
        String test = "laws";
        CalendarGenerator g = new CalendarGenerator(Seeds.of(test, window, index), window, Duration.ofMinutes(1));
        SplittableRandom r = g.random();
        BusinessCalendar c = g.calendar();
        String context = Seeds.replay(test, window, index) + "\n  " + c;
        for (int round = 0; round < ROUNDS; round++) {
            Instant a = g.start(c).plusNanos(r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
            Duration horizon = Duration.ofSeconds(r.nextLong(1, 3 * 366 * 86_400L), r.nextInt(1_000_000_000));
            Duration available = c.between(a, a.plus(horizon));
            String at = context + "\n  a=" + a + " horizon=" + horizon;

            assertThat(available).as(at).isBetween(Duration.ZERO, horizon);

            // between(a, plus(a, d)) == d, and the nanosecond before a positive result was open.
            Duration d1 = Duration.ofNanos(r.nextLong(0, available.toNanos() + 1));
            Duration d2 = Duration.ofNanos(r.nextLong(0, available.toNanos() - d1.toNanos() + 1));
            Instant p1 = c.plus(a, d1);
            assertThat(c.between(a, p1)).as(at + " between(a, plus(a, %s))", d1).isEqualTo(d1);
            assertThat(p1).as(at).isBetween(a, a.plus(horizon));
            if (!d1.isZero()) {
                assertThat(c.isOpen(p1.minusNanos(1)))
                        .as(at + " open just before plus(a, %s)", d1)
                        .isTrue();
                assertThat(c.between(a, p1.minusNanos(1))).as(at).isEqualTo(d1.minusNanos(1));
            } else {
                assertThat(p1).as(at).isEqualTo(a);
            }

            // plus composes, and is monotonic in the duration and in the start.
            Instant p12 = c.plus(a, d1.plus(d2));
            assertThat(c.plus(p1, d2)).as(at + " plus(plus(a, %s), %s)", d1, d2).isEqualTo(p12);
            assertThat(p12).as(at).isAfterOrEqualTo(p1);
            Instant later = a.plusNanos(
                    r.nextLong(0, Math.max(1, Duration.between(a, p1).toNanos() + 1)));
            assertThat(c.plus(later, d2)).as(at + " plus from later %s", later).isAfterOrEqualTo(c.plus(a, d2));

            // between is additive and antisymmetric.
            Instant m = a.plusNanos(r.nextLong(0, horizon.toNanos() + 1));
            Instant b = a.plus(horizon);
            assertThat(c.between(a, m).plus(c.between(m, b)))
                    .as(at + " split at %s", m)
                    .isEqualTo(available);
            assertThat(c.between(b, a)).as(at).isEqualTo(available.negated());

            // nextOpen is open, with no open time before it; it is the start itself when open.
            c.nextOpen(a).ifPresent(n -> {
                assertThat(c.isOpen(n)).as(at + " nextOpen %s", n).isTrue();
                assertThat(c.between(a, n)).as(at + " nextOpen %s", n).isZero();
                assertThat(n.equals(a)).as(at + " nextOpen %s", n).isEqualTo(c.isOpen(a));
                if (n.isAfter(a)) {
                    assertThat(c.isOpen(n.minusNanos(1))).as(at).isFalse();
                }
            });
            if (!available.isZero()) {
                assertThat(c.nextOpen(a)).as(at).isPresent();
                assertThat(c.plus(a, Duration.ofNanos(1)))
                        .as(at)
                        .isEqualTo(c.nextOpen(a).get().plusNanos(1));
            }
        }
    }
}
