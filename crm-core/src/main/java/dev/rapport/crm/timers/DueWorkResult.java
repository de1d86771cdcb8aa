package dev.rapport.crm.timers;

/**
 * What one run of due work did. Every claimed timer ends in exactly one of the other counts.
 *
 * @param claimed timers claimed
 * @param fired timers whose handler ran and committed with the timer's removal
 * @param failed timers whose handler (or a missing handler) failed; each is tried again after a
 *     backoff
 * @param parked timers given up after their last allowed attempt
 * @param lost timers whose claim no longer held when they were fired: the lease had expired and
 *     another instance claimed them, or the key was rescheduled or cancelled meanwhile; nothing was
 *     written for them
 * @param released timers given back unfired because the run was asked to stop
 * @since 0.3
 */
public record DueWorkResult(int claimed, int fired, int failed, int parked, int lost, int released) {
    /** Nothing done. */
    public static final DueWorkResult NONE = new DueWorkResult(0, 0, 0, 0, 0, 0);

    /**
     * @param other another result
     * @return the sums of both
     */
    public DueWorkResult plus(DueWorkResult other) {
        return new DueWorkResult(
                claimed + other.claimed,
                fired + other.fired,
                failed + other.failed,
                parked + other.parked,
                lost + other.lost,
                released + other.released);
    }
}
