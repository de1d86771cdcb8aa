package dev.rapport.crm.spi;

import dev.rapport.crm.model.event.CrmEvent;
import java.util.List;

/**
 * A tenant's event log: the outbox that relays poll.
 *
 * <p>The guarantee that makes polling safe: positions are assigned in commit order. Once a reader
 * has seen position {@code p}, no transaction can later commit an event at a position at or below
 * {@code p}. So a reader that remembers the last position it saw never misses an event, even one
 * whose transaction started before and committed after others.
 *
 * @since 0.1
 */
public interface EventLog {
    /**
     * Appends events to the session's transaction. They become readable when it commits.
     *
     * @param events the events, in order
     */
    void append(List<? extends CrmEvent> events);

    /**
     * @param afterPosition read events strictly after this position (0 for the start)
     * @param limit the most events to return
     * @return committed events in position order
     */
    List<StoredEvent> read(long afterPosition, int limit);
}
