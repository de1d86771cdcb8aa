package dev.rapport.crm.spi;

import dev.rapport.crm.model.event.CrmEvent;
import java.util.Objects;

/**
 * An event with its position in its tenant's log.
 *
 * @param position the position: 1 for the tenant's first event, then increasing by one in commit
 *     order
 * @param event the event
 * @since 0.1
 */
public record StoredEvent(long position, CrmEvent event) {
    /** Checks presence. */
    public StoredEvent {
        Objects.requireNonNull(event, "event");
    }
}
