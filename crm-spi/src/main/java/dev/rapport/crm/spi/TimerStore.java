package dev.rapport.crm.spi;

import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.model.timer.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The timers of one tenant, in the session's transaction: a command's timer changes commit or roll
 * back with the rest of the command.
 *
 * <p>Contract (proven by crm-tck's timer contract):
 *
 * <ul>
 *   <li>A tenant holds at most one timer per {@link Timer#key() key}. {@link #schedule} inserts,
 *       or replaces the holder of the key whole; {@link #cancel} removes it.
 *   <li>Every write ({@link #schedule}, {@link #cancel}, {@link #complete}, {@link #retry},
 *       {@link #park}) locks the timer of that key until the transaction ends, as a database row
 *       lock does: a concurrent {@link TimerQueue#claimDue} skips it, and a claim never waits for
 *       a running transaction.
 *   <li>{@link #complete}, {@link #retry} and {@link #park} act only if the stored timer still
 *       carries the claim: same {@link Timer#id() id} and the claim's token. They return false
 *       otherwise, changing nothing: the lease expired and another claim took the timer, the key
 *       was rescheduled or cancelled, or the timer was completed already.
 * </ul>
 *
 * @since 0.3
 */
public interface TimerStore {
    /**
     * @param key a timer key
     * @return the tenant's timer of that key (live or parked), as this transaction sees it
     */
    Optional<Timer> get(String key);

    /**
     * Stores the timer, replacing the tenant's timer of the same key if there is one, whatever its
     * state: a claim of the replaced timer can no longer complete it, and a parked one is live
     * again. The new timer is claimable from its due instant.
     *
     * @param timer a timer of this session's tenant, not attempted ({@code attempts == 0}) and not
     *     parked
     * @throws IllegalArgumentException if it belongs to another tenant, was attempted or is parked
     * @throws IllegalStateException in a read-only session
     */
    void schedule(Timer timer);

    /**
     * Schedules several timers, as {@link #schedule} would one after the other (a later timer of
     * the same key replaces an earlier one). The default calls {@link #schedule} for each; a
     * database adapter batches them.
     *
     * @param timers timers of this session's tenant, not attempted and not parked
     * @throws IllegalArgumentException if one belongs to another tenant, was attempted or is parked
     * @throws IllegalStateException in a read-only session
     */
    default void scheduleAll(List<Timer> timers) {
        for (Timer timer : timers) {
            schedule(timer);
        }
    }

    /**
     * Removes the tenant's timer of this key, live or parked, claimed or not.
     *
     * @param key a timer key
     * @return true if there was one
     * @throws IllegalStateException in a read-only session
     */
    boolean cancel(String key);

    /**
     * Removes a fired timer: the engine calls it first in the transaction that runs the timer's
     * handler, so the handler's effects commit if and only if this claim was the one that completed
     * the timer.
     *
     * @param claim the claim the firing instance holds
     * @return true if the claim still held the timer, which is now removed (at commit)
     * @throws IllegalArgumentException if the claim is of another tenant's timer
     * @throws IllegalStateException in a read-only session
     */
    boolean complete(ClaimedTimer claim);

    /**
     * Gives a timer whose handler failed back for a later attempt: the claim is dropped, the
     * attempts stay counted, and the timer is claimable again from {@code retryAt}.
     *
     * @param claim the claim the firing instance holds
     * @param retryAt when it may be claimed again
     * @return true if the claim still held the timer
     * @throws IllegalArgumentException if the claim is of another tenant's timer
     * @throws IllegalStateException in a read-only session
     */
    boolean retry(ClaimedTimer claim, Instant retryAt);

    /**
     * Gives up on a timer: the claim is dropped and the timer is kept, parked, never to be claimed
     * again until its key is scheduled anew ({@link #schedule}) or cancelled.
     *
     * @param claim the claim the firing instance holds
     * @param parkedAt when it was parked
     * @return true if the claim still held the timer
     * @throws IllegalArgumentException if the claim is of another tenant's timer
     * @throws IllegalStateException in a read-only session
     */
    boolean park(ClaimedTimer claim, Instant parkedAt);
}
