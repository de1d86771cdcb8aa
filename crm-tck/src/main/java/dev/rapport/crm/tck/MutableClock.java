package dev.rapport.crm.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, like Micrometer's {@code MockClock}: the kit
 * never sleeps, it advances time. Thread-safe; every view made with {@link #withZone} shares the
 * same instant.
 *
 * @since 0.1
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * @param start the instant the clock shows until moved
     * @return a clock in UTC
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward (or back, with a negative amount).
     *
     * @param amount how far
     * @return the new instant
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return now.updateAndGet(t -> t.plus(amount));
    }

    /**
     * @param micros how many microseconds to move forward
     * @return the new instant
     */
    public Instant advanceMicros(long micros) {
        return advance(Duration.ofNanos(Math.multiplyExact(micros, 1000L)));
    }

    /**
     * @param instant the instant the clock shows from now on
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new MutableClock(now, other);
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + "]";
    }
}
