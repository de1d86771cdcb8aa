package dev.rapport.crm.model.cases;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands. The legal moves, and nothing else:
 *
 * <pre>
 * NEW      → OPEN, PENDING, ON_HOLD, SOLVED
 * OPEN     → PENDING, ON_HOLD, SOLVED
 * PENDING  → OPEN, ON_HOLD, SOLVED
 * ON_HOLD  → OPEN, PENDING, SOLVED
 * SOLVED   → OPEN (a reopen, only within the tenant's reopen window), CLOSED
 * CLOSED   → nothing: a later request about the same matter is a new, related case
 * </pre>
 *
 * <p>A case is <b>active</b> while it is neither solved nor closed.
 *
 * @since 0.3
 */
public enum CaseStatus {
    /** Opened, nobody has worked it yet. */
    NEW,
    /** Being worked. */
    OPEN,
    /** Waiting on the customer. */
    PENDING,
    /** Waiting on a third party. */
    ON_HOLD,
    /** The business considers it answered; the customer may still reopen it for a while. */
    SOLVED,
    /** Final. */
    CLOSED;

    /**
     * @param target a status
     * @return whether a case in this status may move to {@code target}; moving to the same status is
     *     never a move
     */
    public boolean canMoveTo(CaseStatus target) {
        return successors().contains(target);
    }

    /** @return the statuses this one may move to */
    public Set<CaseStatus> successors() {
        switch (this) {
            case NEW:
                return EnumSet.of(OPEN, PENDING, ON_HOLD, SOLVED);
            case OPEN:
                return EnumSet.of(PENDING, ON_HOLD, SOLVED);
            case PENDING:
                return EnumSet.of(OPEN, ON_HOLD, SOLVED);
            case ON_HOLD:
                return EnumSet.of(OPEN, PENDING, SOLVED);
            case SOLVED:
                return EnumSet.of(OPEN, CLOSED);
            default:
                return EnumSet.noneOf(CaseStatus.class);
        }
    }

    /** @return whether a case in this status is still being worked: neither solved nor closed */
    public boolean isActive() {
        return this != SOLVED && this != CLOSED;
    }
}
