package dev.rapport.crm.timers;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link DueWorkScheduler} runs. Immutable; start from {@link #defaults()}.
 *
 * @param threads how many threads claim and fire, 1 to 64; default 1. Each claims its own batches.
 * @param pollInterval how long a thread waits after finding nothing due, 1 millisecond to 1 hour;
 *     default 1 second. It bounds how late a timer fires after it falls due.
 * @param stopTimeout how long {@link DueWorkScheduler#stop()} waits for threads to finish the timer
 *     they are firing before interrupting them, 0 to 1 hour; default 30 seconds
 * @param owner the name to claim under, or null (the default) for the engine's ({@link
 *     DueWorkSettings#owner()})
 * @since 0.3
 */
public record SchedulerSettings(
        int threads,
        Duration pollInterval,
        Duration stopTimeout,
        @Nullable String owner) {

    /** Checks presence; {@link #validate()} checks ranges. */
    public SchedulerSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    /** @return one thread, polling every second, stopping within 30 seconds, the engine's owner */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(1, Duration.ofSeconds(1), Duration.ofSeconds(30), null);
    }

    /**
     * @param count the number of threads
     * @return a copy with it
     */
    public SchedulerSettings withThreads(int count) {
        return new SchedulerSettings(count, pollInterval, stopTimeout, owner);
    }

    /**
     * @param interval the poll interval
     * @return a copy with it
     */
    public SchedulerSettings withPollInterval(Duration interval) {
        return new SchedulerSettings(threads, interval, stopTimeout, owner);
    }

    /**
     * @param timeout the stop timeout
     * @return a copy with it
     */
    public SchedulerSettings withStopTimeout(Duration timeout) {
        return new SchedulerSettings(threads, pollInterval, timeout, owner);
    }

    /**
     * @param name the owner name, or null for the engine's
     * @return a copy with it
     */
    public SchedulerSettings withOwner(@Nullable String name) {
        return new SchedulerSettings(threads, pollInterval, stopTimeout, name);
    }

    /**
     * Checks every range.
     *
     * @throws ValidationException listing every problem, with paths under {@code scheduler.}
     */
    public void validate() {
        List<Violation> problems = new ArrayList<>();
        if (threads < 1 || threads > 64) {
            problems.add(new Violation("scheduler.threads", "must be between 1 and 64"));
        }
        if (pollInterval.compareTo(Duration.ofMillis(1)) < 0 || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
            problems.add(new Violation("scheduler.pollInterval", "must be between 1 millisecond and 1 hour"));
        }
        if (stopTimeout.isNegative() || stopTimeout.compareTo(Duration.ofHours(1)) > 0) {
            problems.add(new Violation("scheduler.stopTimeout", "must be between 0 and 1 hour"));
        }
        if (owner != null && (owner.isEmpty() || owner.length() > 200)) {
            problems.add(new Violation("scheduler.owner", "must be 1 to 200 characters"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
