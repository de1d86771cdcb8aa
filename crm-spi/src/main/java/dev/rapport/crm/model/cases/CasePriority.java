package dev.rapport.crm.model.cases;

/**
 * How urgent a case is, lowest first: the natural order of the constants is the order of urgency.
 *
 * @since 0.3
 */
public enum CasePriority {
    /** Can wait. */
    LOW,
    /** The default. */
    NORMAL,
    /** Before normal work. */
    HIGH,
    /** Before everything else. */
    URGENT
}
