package dev.rapport.crm.timers;

/**
 * Fires the timers of one kind. Registered with {@code Crm.builder().timerHandler(kind, handler)};
 * Rapport's own features register theirs (kinds starting {@code case.}).
 *
 * <p><b>Incubating.</b> This is the extension point the engine's case features use; its shape may
 * change before 1.0. An application may register handlers of its own kinds.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #fire} runs inside the tenant transaction that also removes the timer. Everything it
 *       writes through {@link TimerContext#session()}, the events it emits and the timers it
 *       schedules or cancels commit together with that removal, or not at all. So its effects
 *       happen once per timer even though a timer may be claimed more than once (an instance that
 *       died, a lease that expired): only the claim that removes the timer commits.
 *   <li>Like any storage transaction, it may be run again after a serialization failure or
 *       deadlock, so it must only touch the session: no calls to other services, no messages sent
 *       (emit an event instead, and let a listener or relay act on it after commit).
 *   <li>If it throws {@link dev.rapport.crm.model.ConcurrencyException} (it lost an optimistic
 *       race with another command), the whole firing is run again at once, up to the builder's
 *       {@code maxAttempts}, as the engine's own version-free commands are.
 *   <li>If it throws another exception, the transaction rolls back and the timer is tried again
 *       after a backoff, up to the configured attempts ({@link DueWorkSettings#maxAttempts()}); then it
 *       is parked. If it throws an {@link Error}, the engine treats the instance as failing: the
 *       transaction rolls back, the error propagates, and the rest of the claimed batch is left to
 *       other instances, which take it over when the lease expires.
 *   <li>It is called from the thread that runs the due work, possibly from several threads at
 *       once for different timers: it must be thread-safe.
 * </ul>
 *
 * @since 0.3
 */
@FunctionalInterface
public interface TimerHandler {
    /**
     * Does the timer's work.
     *
     * @param context the timer and its transaction
     */
    void fire(TimerContext context);
}
