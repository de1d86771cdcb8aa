package dev.rapport.crm.timers;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the engine claims and fires due timers. Immutable; start from {@link #defaults()} and change
 * what differs. {@code Crm.builder().dueWork(settings).build()} reports every problem at once.
 *
 * @param owner the name this engine claims timers under, recorded with each claim for diagnosis
 *     (correctness never depends on it); 1 to 200 characters; default {@code rapport-<pid>-<random>},
 *     different for every call of {@link #defaults()}
 * @param lease how long a claim holds: a timer claimed by an instance that dies is claimed again
 *     after this; it must exceed the time to fire a whole batch. 1 second to 1 day; default 5 minutes
 * @param batchSize how many timers one claim takes, 1 to 1000; default 100
 * @param maxAttempts how many claims a timer gets before it is parked: a timer whose handler keeps
 *     failing, or whose instances keep dying while firing it, is parked after this many; 1 to 1000;
 *     default 10
 * @param initialBackoff the wait before the second attempt after a failure; each later failure
 *     doubles it, up to {@code maxBackoff}; 1 millisecond to 1 day; default 30 seconds
 * @param maxBackoff the longest wait between attempts, at least {@code initialBackoff}, at most 7
 *     days; default 1 hour
 * @since 0.3
 */
public record DueWorkSettings(
        String owner, Duration lease, int batchSize, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Checks presence; {@link #validate()} checks ranges. */
    public DueWorkSettings {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** @return the defaults, with a new owner name */
    public static DueWorkSettings defaults() {
        String owner = "rapport-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000));
        return new DueWorkSettings(owner, Duration.ofMinutes(5), 100, 10, Duration.ofSeconds(30), Duration.ofHours(1));
    }

    /**
     * @param name the owner name
     * @return a copy with it
     */
    public DueWorkSettings withOwner(String name) {
        return new DueWorkSettings(name, lease, batchSize, maxAttempts, initialBackoff, maxBackoff);
    }

    /**
     * @param duration the lease
     * @return a copy with it
     */
    public DueWorkSettings withLease(Duration duration) {
        return new DueWorkSettings(owner, duration, batchSize, maxAttempts, initialBackoff, maxBackoff);
    }

    /**
     * @param size the batch size
     * @return a copy with it
     */
    public DueWorkSettings withBatchSize(int size) {
        return new DueWorkSettings(owner, lease, size, maxAttempts, initialBackoff, maxBackoff);
    }

    /**
     * @param attempts the most attempts
     * @return a copy with it
     */
    public DueWorkSettings withMaxAttempts(int attempts) {
        return new DueWorkSettings(owner, lease, batchSize, attempts, initialBackoff, maxBackoff);
    }

    /**
     * @param initial the first backoff
     * @param max the longest backoff
     * @return a copy with them
     */
    public DueWorkSettings withBackoff(Duration initial, Duration max) {
        return new DueWorkSettings(owner, lease, batchSize, maxAttempts, initial, max);
    }

    /**
     * The wait after a failed attempt: {@code initialBackoff * 2^(attempts - 1)}, at most {@code
     * maxBackoff}.
     *
     * @param attempts the attempts made so far, at least 1
     * @return the wait before the next one
     */
    public Duration backoffAfter(int attempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /**
     * Checks every range.
     *
     * @throws ValidationException listing every problem, with paths under {@code dueWork.}
     */
    public void validate() {
        List<Violation> problems = new ArrayList<>();
        if (owner.isEmpty() || owner.length() > 200) {
            problems.add(new Violation("dueWork.owner", "must be 1 to 200 characters"));
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofDays(1)) > 0) {
            problems.add(new Violation("dueWork.lease", "must be between 1 second and 1 day"));
        }
        if (batchSize < 1 || batchSize > 1000) {
            problems.add(new Violation("dueWork.batchSize", "must be between 1 and 1000"));
        }
        if (maxAttempts < 1 || maxAttempts > 1000) {
            problems.add(new Violation("dueWork.maxAttempts", "must be between 1 and 1000"));
        }
        if (initialBackoff.compareTo(Duration.ofMillis(1)) < 0 || initialBackoff.compareTo(Duration.ofDays(1)) > 0) {
            problems.add(new Violation("dueWork.initialBackoff", "must be between 1 millisecond and 1 day"));
        }
        if (maxBackoff.compareTo(initialBackoff) < 0 || maxBackoff.compareTo(Duration.ofDays(7)) > 0) {
            problems.add(new Violation("dueWork.maxBackoff", "must be between initialBackoff and 7 days"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
