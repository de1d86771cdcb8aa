package dev.rapport.crm;

import dev.rapport.crm.model.event.CrmEvent;

/**
 * Told of every event after the transaction that recorded it has committed, on the thread that ran
 * the command. A listener that throws is logged (with the event id) and skipped: it never undoes
 * the commit and never keeps other listeners from being told.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CrmEventListener {
    /**
     * @param event a committed event
     */
    void onEvent(CrmEvent event);
}
