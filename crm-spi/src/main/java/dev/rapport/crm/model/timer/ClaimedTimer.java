package dev.rapport.crm.model.timer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A timer that an application instance has claimed to fire, as {@link
 * dev.rapport.crm.spi.TimerQueue#claimDue} returns it. The claim holds until {@link #leaseUntil()}:
 * until then no other claim can take the timer. Completing, retrying or parking the timer succeeds
 * only while the stored timer still carries this claim's {@link #claimToken()}, which is how a late
 * instance whose lease was taken over finds out.
 *
 * @param timer the timer, with {@link Timer#attempts()} already counting this claim
 * @param claimToken new for every claim; a later claim of the same timer carries another
 * @param owner who claimed it (an application instance's name), for diagnosis only
 * @param leaseUntil the claim's end (exclusive: at this instant the timer may be claimed again);
 *     microseconds
 * @since 0.3
 */
public record ClaimedTimer(Timer timer, UUID claimToken, String owner, Instant leaseUntil) {
    /** Checks presence and truncates the lease to microseconds. */
    public ClaimedTimer {
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(claimToken, "claimToken");
        Objects.requireNonNull(owner, "owner");
        leaseUntil = Objects.requireNonNull(leaseUntil, "leaseUntil").truncatedTo(ChronoUnit.MICROS);
    }
}
