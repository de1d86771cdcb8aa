package dev.rapport.crm.timers.internal;

import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.timers.TimerContext;
import java.time.Instant;

/** A handler's view of the command context that completes its timer. */
public final class DefaultTimerContext implements TimerContext {
    private final Engine.Context context;
    private final Timer timer;

    DefaultTimerContext(Engine.Context context, Timer timer) {
        this.context = context;
        this.timer = timer;
    }

    /**
     * @param context a context the engine handed to a handler
     * @return the engine's command context behind it, for the engine's own handlers
     */
    public static Engine.Context engineContext(TimerContext context) {
        return ((DefaultTimerContext) context).context;
    }

    @Override
    public Timer timer() {
        return timer;
    }

    @Override
    public TenantId tenant() {
        return timer.tenantId();
    }

    @Override
    public Instant now() {
        return context.now();
    }

    @Override
    public StorageSession session() {
        return context.session();
    }

    @Override
    public void emit(CrmEvent event) {
        if (!event.tenantId().equals(timer.tenantId())) {
            throw new IllegalArgumentException("event " + event.id() + " belongs to tenant " + event.tenantId()
                    + ", not to the timer's tenant " + timer.tenantId());
        }
        context.emit(event);
    }

    @Override
    public EventId newEventId() {
        return context.newEventId();
    }

    @Override
    public Timer schedule(String kind, String key, Instant dueAt, String payload) {
        return context.scheduleTimer(kind, key, dueAt, payload);
    }

    @Override
    public boolean cancel(String key) {
        return context.cancelTimer(key);
    }
}
