package dev.rapport.crm.tck;

import dev.rapport.crm.CrmEventListener;
import dev.rapport.crm.model.event.CrmEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A listener that keeps every event it is told of, in the order told. Thread-safe: concurrent
 * commands may publish at the same time.
 *
 * @since 0.1
 */
public final class RecordingListener implements CrmEventListener {
    private final ConcurrentLinkedQueue<CrmEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void onEvent(CrmEvent event) {
        events.add(event);
    }

    /** @return a copy of the events told so far, in order */
    public List<CrmEvent> events() {
        return new ArrayList<>(events);
    }

    /**
     * @param type an event class
     * @param <E> the event type
     * @return the events of that type, in order
     */
    public <E extends CrmEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets every event. */
    public void clear() {
        events.clear();
    }
}
