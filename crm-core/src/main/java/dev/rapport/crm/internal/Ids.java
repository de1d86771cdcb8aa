package dev.rapport.crm.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDClock;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUIDv7 ids (RFC 9562) from java-uuid-generator, timed by the engine's clock and monotonic within
 * this generator: ids made one after another compare in that order.
 */
public final class Ids {
    private final TimeBasedEpochGenerator generator;

    /** @param clock the engine's clock */
    public Ids(Clock clock) {
        this.generator = Generators.timeBasedEpochGenerator(new SecureRandom(), new UUIDClock() {
            @Override
            public long currentTimeMillis() {
                return clock.millis();
            }
        });
    }

    /** @return a new time-ordered id */
    public UUID next() {
        return generator.generate();
    }
}
