package dev.rapport.crm.internal;

import dev.rapport.crm.CrmEventListener;
import dev.rapport.crm.TenantSettings;
import dev.rapport.crm.cases.RoutingPolicy;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.TimerId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.StorageSession;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands: one storage transaction each, events appended in it, listeners told after commit,
 * safe commands retried when a concurrent change wins. Shared by every tenant view of a {@code
 * Crm}; thread-safe.
 */
public final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final CrmStorage storage;
    private final Clock clock;
    private final Ids ids;
    private final List<CrmEventListener> listeners;
    private final Function<TenantId, TenantSettings> settings;
    private final int maxAttempts;
    private final int maxBodyLength;
    private final Map<String, RoutingPolicy> routing;

    /**
     * @param storage the storage adapter
     * @param clock the clock
     * @param listeners listeners told after commit
     * @param settings per-tenant settings
     * @param maxAttempts how often a safe command is tried when it loses a race
     * @param maxBodyLength the longest interaction body (and HTML body) accepted, in characters
     */
    public Engine(
            CrmStorage storage,
            Clock clock,
            List<CrmEventListener> listeners,
            Function<TenantId, TenantSettings> settings,
            int maxAttempts,
            int maxBodyLength) {
        this(storage, clock, listeners, settings, maxAttempts, maxBodyLength, Map.of());
    }

    /**
     * @param storage the storage adapter
     * @param clock the clock
     * @param listeners listeners told after commit
     * @param settings per-tenant settings
     * @param maxAttempts how often a safe command is tried when it loses a race
     * @param maxBodyLength the longest interaction body (and HTML body) accepted, in characters
     * @param routing routing policies by name, besides the built-in ones (which they may not
     *     replace)
     */
    public Engine(
            CrmStorage storage,
            Clock clock,
            List<CrmEventListener> listeners,
            Function<TenantId, TenantSettings> settings,
            int maxAttempts,
            int maxBodyLength,
            Map<String, RoutingPolicy> routing) {
        this.storage = storage;
        this.clock = clock;
        this.ids = new Ids(clock);
        this.listeners = List.copyOf(listeners);
        this.settings = settings;
        this.maxAttempts = maxAttempts;
        this.maxBodyLength = maxBodyLength;
        Map<String, RoutingPolicy> all = new TreeMap<>(routing);
        all.put(RoutingPolicy.ROUND_ROBIN_NAME, RoutingPolicy.ROUND_ROBIN);
        all.put(RoutingPolicy.LEAST_LOADED_NAME, RoutingPolicy.LEAST_LOADED);
        all.put(RoutingPolicy.SKILL_BASED_NAME, RoutingPolicy.SKILL_BASED);
        this.routing = Collections.unmodifiableMap(all);
    }

    /** @return the routing policies by name */
    public Map<String, RoutingPolicy> routing() {
        return routing;
    }

    /** @return the longest interaction body accepted, in characters (Unicode code points) */
    public int maxBodyLength() {
        return maxBodyLength;
    }

    /** @return the storage adapter */
    public CrmStorage storage() {
        return storage;
    }

    /** @return the current instant, truncated to microseconds (the precision every store keeps) */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** @return the id generator */
    public Ids ids() {
        return ids;
    }

    /**
     * @param tenant a tenant
     * @return its settings
     */
    public TenantSettings settings(TenantId tenant) {
        return settings.apply(tenant);
    }

    /** What a command sees inside its transaction. */
    public final class Context {
        private final StorageSession session;
        private final List<CrmEvent> events = new ArrayList<>();
        private final Instant now = Engine.this.now();

        private Context(StorageSession session) {
            this.session = session;
        }

        /** @return the storage session */
        public StorageSession session() {
            return session;
        }

        /** @return the command's timestamp: one instant for everything it records */
        public Instant now() {
            return now;
        }

        /** @return a new event id */
        public EventId newEventId() {
            return new EventId(ids.next());
        }

        /** @param event an event to record with the command's writes */
        public void emit(CrmEvent event) {
            events.add(event);
        }

        /**
         * Schedules a timer of the command's tenant, replacing the holder of its key; it commits
         * with the command.
         *
         * @param kind the handler kind
         * @param key the key, unique within the tenant
         * @param dueAt when it falls due
         * @param payload what its handler needs, or the empty string
         * @return the timer, with a new id
         */
        public Timer scheduleTimer(String kind, String key, Instant dueAt, String payload) {
            Timer timer = Timer.scheduled(new TimerId(ids.next()), session.tenant(), kind, key, dueAt, payload);
            session.timers().schedule(timer);
            return timer;
        }

        /**
         * Cancels a timer of the command's tenant; it commits with the command.
         *
         * @param key the key
         * @return true if there was one
         */
        public boolean cancelTimer(String key) {
            return session.timers().cancel(key);
        }
    }

    private record Outcome<T>(T result, List<CrmEvent> events) {}

    /**
     * Runs a command once; a lost race surfaces as {@link ConcurrencyException}.
     *
     * @param tenant the tenant
     * @param command the command
     * @param <T> the result type
     * @return its result
     */
    public <T> T execute(TenantId tenant, Function<Context, T> command) {
        Outcome<T> outcome = storage.inTransaction(tenant, session -> {
            Context ctx = new Context(session);
            T result = command.apply(ctx);
            if (!ctx.events.isEmpty()) {
                session.events().append(ctx.events);
            }
            return new Outcome<>(result, List.copyOf(ctx.events));
        });
        publish(outcome.events());
        return outcome.result();
    }

    /**
     * Runs a command that re-reads what it changes, retrying it when a concurrent change wins.
     *
     * @param tenant the tenant
     * @param command the command
     * @param <T> the result type
     * @return its result
     */
    public <T> T executeRetrying(TenantId tenant, Function<Context, T> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return execute(tenant, command);
            } catch (ConcurrencyException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                log.debug("retrying command in tenant {} after a concurrent change (attempt {})", tenant, attempt);
                long ceiling = Math.min(5_000_000L, 10_000L << Math.min(attempt, 9));
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling));
            }
        }
    }

    /**
     * Runs a read-only query.
     *
     * @param tenant the tenant
     * @param query the query
     * @param <T> the result type
     * @return its result
     */
    public <T> T read(TenantId tenant, Function<StorageSession, T> query) {
        return storage.read(tenant, query::apply);
    }

    private void publish(List<CrmEvent> events) {
        for (CrmEvent event : events) {
            for (CrmEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    log.error("event listener {} failed on event {} ({})", listener, event.id(), event.type(), e);
                }
            }
        }
    }
}
