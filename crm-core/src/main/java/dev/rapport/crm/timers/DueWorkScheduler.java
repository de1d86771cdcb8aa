package dev.rapport.crm.timers;

/**
 * Runs due work on a few daemon threads of its own: each thread claims a batch of due timers,
 * fires them one by one, claims again while there is work, and waits {@link
 * SchedulerSettings#pollInterval()} when there is none. One scheduler per application instance
 * serves every tenant; instances on one database share the work without firing a timer twice.
 *
 * <pre>{@code
 * DueWorkScheduler scheduler = crm.scheduler(SchedulerSettings.defaults().withThreads(4)).start();
 * ...
 * scheduler.close();   // on shutdown: finishes the timers being fired, gives the rest of each batch back
 * }</pre>
 *
 * <p>A failing run (the database unreachable, say) is logged and tried again after the poll
 * interval. An {@link Error} thrown by a handler is logged too and the thread goes on; the rest of
 * that batch waits for its lease to expire. Logs carry ids and counts only.
 *
 * <p>Thread-safe. A scheduler starts once; after {@link #stop()} make a new one.
 *
 * @since 0.3
 */
public interface DueWorkScheduler extends AutoCloseable {
    /**
     * Starts the threads.
     *
     * @return this
     * @throws IllegalStateException if it was started before
     */
    DueWorkScheduler start();

    /** @return the name it claims under */
    String owner();

    /** @return true between {@link #start()} and {@link #stop()} */
    boolean isRunning();

    /** @return what its threads have done so far, summed */
    DueWorkResult totals();

    /**
     * Stops: each thread finishes the timer it is firing, gives the unfired rest of its batch back
     * (claimable at once by other instances) and ends. Waits up to {@link
     * SchedulerSettings#stopTimeout()}, then interrupts the threads still running. Idempotent; does
     * nothing before {@link #start()}.
     *
     * @return true if every thread has ended
     */
    boolean stop();

    /** Same as {@link #stop()}. */
    @Override
    void close();
}
