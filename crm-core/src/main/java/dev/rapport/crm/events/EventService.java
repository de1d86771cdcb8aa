package dev.rapport.crm.events;

/**
 * Reads a tenant's event log, for relays that forward events elsewhere (a broker, a webhook).
 *
 * <p>Delivery is at least once: a relay that crashes after forwarding and before saving its cursor
 * forwards again; deduplicate on {@link dev.rapport.crm.model.event.CrmEvent#id()}. A reader that
 * polls with the cursor it was last given never misses a committed event, whatever order
 * concurrent transactions commit in.
 *
 * @since 0.1
 */
public interface EventService {
    /**
     * @param after where to continue from
     * @param limit the most events to return, 1 to 10,000
     * @return the next committed events
     */
    EventPage read(EventCursor after, int limit);
}
