package dev.rapport.crm.spi;

import dev.rapport.crm.model.timer.ClaimedTimer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every tenant's due timers, for the engine's schedulers: one per application instance serves all
 * tenants. Each call is a short transaction of its own, committed before it returns.
 *
 * <h2>The protocol, and why effects happen exactly once</h2>
 *
 * <ol>
 *   <li><b>Claim</b> ({@link #claimDue}): an instance takes up to {@code limit} timers that are
 *       available (due and never claimed, or due again for a retry, or whose claim's lease has
 *       expired), gives each its owner, a new claim token and a lease, and counts the attempt.
 *       Concurrent claims never take the same timer: while a claim holds its lease, the timer is
 *       not available. Claims are therefore at-least-once: a timer whose instance died is claimed
 *       again once the lease expires.
 *   <li><b>Fire</b>: for each timer, in one transaction of its tenant, the instance first calls
 *       {@link TimerStore#complete}, which removes the timer only if it still carries this claim's
 *       token, then runs the handler. If complete returned false (the lease was taken over, or the
 *       key was rescheduled or cancelled) the instance skips the handler, and the transaction writes
 *       nothing. Complete locks the timer until commit, so a claim cannot take it over while the
 *       handler runs.
 *   <li><b>Fail</b>: if the handler throws, that transaction rolls back (the timer is back, still
 *       claimed) and the instance calls {@link TimerStore#retry} or {@link TimerStore#park} in a
 *       new one, again guarded by the token.
 * </ol>
 *
 * <p>The handler's effects commit in the same transaction as the timer's removal, and a timer can
 * be removed only once: so however many times a timer is claimed, its handler's effects commit at
 * most once, and, while instances keep running, at least once.
 *
 * @since 0.3
 */
public interface TimerQueue {
    /** The most timers one {@link #claimDue} may take. */
    int MAX_CLAIM = 1000;

    /**
     * Claims available timers of every tenant, earliest available first: a timer is available from
     * its due instant, from its retry instant after a failure, and again from its lease's end while
     * it is claimed; it is available at that instant itself ({@code <= now}). Parked timers and
     * timers locked by a running transaction are never taken; the claim does not wait for locks.
     *
     * @param now the instant of the claim
     * @param limit how many at most, 1 to {@value #MAX_CLAIM}
     * @param owner who claims (an application instance's name), 1 to 200 characters
     * @param leaseUntil the end of the claim, after {@code now}
     * @return the claimed timers, fewer than {@code limit} when fewer were available (or locked),
     *     ordered by due instant then id; each one's {@code attempts} counts this claim
     * @throws IllegalArgumentException if the limit, owner or lease is out of range
     */
    List<ClaimedTimer> claimDue(Instant now, int limit, String owner, Instant leaseUntil);

    /**
     * Gives claimed timers back unfired, as a stopping scheduler does with the rest of its batch:
     * each claim is dropped and its attempt uncounted, and the timer is available from {@code
     * availableAt}. A claim that no longer holds its timer is skipped.
     *
     * @param claims claims of any tenants
     * @param availableAt when they may be claimed again
     * @return how many were given back
     */
    int release(List<ClaimedTimer> claims, Instant availableAt);

    /**
     * Checks the arguments of {@link #claimDue} as its contract states, for adapters to call first.
     *
     * @param now the instant of the claim
     * @param limit how many at most
     * @param owner who claims
     * @param leaseUntil the end of the claim
     * @throws IllegalArgumentException if the limit, owner or lease is out of range
     */
    static void checkClaim(Instant now, int limit, String owner, Instant leaseUntil) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (limit < 1 || limit > MAX_CLAIM) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_CLAIM + ", was " + limit);
        }
        if (owner.isEmpty() || owner.length() > 200) {
            throw new IllegalArgumentException("owner must be 1 to 200 characters, was " + owner.length());
        }
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException(
                    "the lease must end after the claim's instant " + now + ", was " + leaseUntil);
        }
    }
}
