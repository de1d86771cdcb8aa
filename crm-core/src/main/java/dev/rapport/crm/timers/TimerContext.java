package dev.rapport.crm.timers;

import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.spi.StorageSession;
import java.time.Instant;

/**
 * What a {@link TimerHandler} sees while it fires a timer: the timer and the transaction of its
 * tenant. Valid only during {@link TimerHandler#fire}; not thread-safe.
 *
 * <p><b>Incubating</b>, as {@link TimerHandler}.
 *
 * @since 0.3
 */
public interface TimerContext {
    /** @return the timer being fired; {@link Timer#attempts()} is 1 on the first attempt */
    Timer timer();

    /** @return the timer's tenant, to which the session is scoped */
    TenantId tenant();

    /** @return the instant of this firing (the engine's clock, microseconds) */
    Instant now();

    /**
     * @return the storage session of the transaction that completes the timer; writes through it
     *     commit with the completion
     */
    StorageSession session();

    /**
     * Records an event in the transaction; listeners are told after commit.
     *
     * @param event an event of this tenant
     */
    void emit(CrmEvent event);

    /** @return a new event id, for {@link #emit} */
    EventId newEventId();

    /**
     * Schedules a timer of this tenant in the transaction, replacing the holder of the key. A
     * handler may schedule the key of the timer it fires: the new timer replaces the completed one.
     *
     * @param kind the handler kind
     * @param key the key, unique within the tenant
     * @param dueAt when it falls due
     * @param payload what its handler needs, or the empty string
     * @return the timer scheduled, with a new id
     * @throws dev.rapport.crm.model.ValidationException if a field is out of range (see {@link Timer})
     */
    Timer schedule(String kind, String key, Instant dueAt, String payload);

    /**
     * Cancels a timer of this tenant in the transaction.
     *
     * @param key its key
     * @return true if there was one
     */
    boolean cancel(String key);
}
