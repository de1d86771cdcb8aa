package dev.rapport.crm.model.cases;

/**
 * Whether an agent takes new cases. Only {@link #ONLINE} agents are routed to; an agent keeps the
 * cases already assigned whatever the availability.
 *
 * @since 0.3
 */
public enum Availability {
    /** Takes new cases, up to capacity. */
    ONLINE,
    /** Briefly away: keeps cases, takes no new ones. */
    AWAY,
    /** Not working: keeps cases, takes no new ones. */
    OFFLINE
}
