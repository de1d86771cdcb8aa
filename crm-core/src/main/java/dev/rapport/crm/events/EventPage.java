package dev.rapport.crm.events;

import dev.rapport.crm.spi.StoredEvent;
import java.util.List;
import java.util.Objects;

/**
 * Events read from the log, and the cursor to read on from.
 *
 * @param events committed events in position order, each with its position
 * @param next the cursor after the last event returned (the same cursor when none were)
 * @since 0.1
 */
public record EventPage(List<StoredEvent> events, EventCursor next) {
    /** Copies the list. */
    public EventPage {
        events = List.copyOf(events);
        Objects.requireNonNull(next, "next");
    }
}
