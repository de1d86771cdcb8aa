package dev.rapport.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the examples move by hand; the engine reads it for every timestamp, so moving it is how
 * an example lets hours or days pass. Copies made by {@link #withZone} share the same time.
 */
final class HandClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    HandClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private HandClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** @param by how far to move the clock forward */
    void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
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
    public Clock withZone(ZoneId zone) {
        return new HandClock(now, zone);
    }
}
