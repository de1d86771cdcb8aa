package dev.rapport.crm;

import dev.rapport.crm.bulk.BulkService;
import dev.rapport.crm.bulk.internal.DefaultBulkService;
import dev.rapport.crm.cases.AgentService;
import dev.rapport.crm.cases.CaseService;
import dev.rapport.crm.cases.RoutingPolicy;
import dev.rapport.crm.cases.SlaService;
import dev.rapport.crm.cases.internal.DefaultAgentService;
import dev.rapport.crm.cases.internal.DefaultCaseService;
import dev.rapport.crm.cases.internal.DefaultSlaService;
import dev.rapport.crm.customers.AttributeService;
import dev.rapport.crm.customers.CustomerService;
import dev.rapport.crm.customers.internal.DefaultAttributeService;
import dev.rapport.crm.customers.internal.DefaultCustomerService;
import dev.rapport.crm.events.EventCursor;
import dev.rapport.crm.events.EventPage;
import dev.rapport.crm.events.EventService;
import dev.rapport.crm.interactions.InteractionService;
import dev.rapport.crm.interactions.internal.DefaultInteractionService;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.purchases.PurchaseService;
import dev.rapport.crm.purchases.internal.DefaultPurchaseService;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.StoredEvent;
import dev.rapport.crm.timeline.TimelineService;
import dev.rapport.crm.timeline.internal.DefaultTimelineService;
import dev.rapport.crm.timers.DueWorkResult;
import dev.rapport.crm.timers.DueWorkScheduler;
import dev.rapport.crm.timers.DueWorkSettings;
import dev.rapport.crm.timers.SchedulerSettings;
import dev.rapport.crm.timers.TimerHandler;
import dev.rapport.crm.timers.internal.DefaultDueWorkScheduler;
import dev.rapport.crm.timers.internal.DefaultTimerContext;
import dev.rapport.crm.timers.internal.DueWork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The front door of Rapport: an engine over one storage adapter, seen from one tenant.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
 * Customer ada = crm.customers().create(NewCustomer.named("Ada Lovelace").email("ada@example.com"));
 * }</pre>
 *
 * <p>A single-tenant application uses the {@code Crm} that {@link Builder#build()} returns; it
 * works in {@link TenantId#DEFAULT}. A multi-tenant one calls {@link #forTenant(TenantId)} per
 * request: every service of the returned view is scoped to that tenant and no call can see another
 * tenant's data. Views are cheap and share the engine. Thread-safe.
 *
 * @since 0.1
 */
public final class Crm implements AutoCloseable {
    private final Engine engine;
    private final TenantId tenant;
    private final CustomerService customers;
    private final AttributeService attributes;
    private final EventService events;
    private final InteractionService interactions;
    private final PurchaseService purchases;
    private final TimelineService timeline;
    private final BulkService bulk;
    private final CaseService cases;
    private final AgentService agents;
    private final SlaService sla;
    private final DueWork dueWork;

    private Crm(Engine engine, DueWork dueWork, TenantId tenant) {
        this.engine = engine;
        this.dueWork = dueWork;
        this.tenant = tenant;
        this.customers = new DefaultCustomerService(engine, tenant);
        this.attributes = new DefaultAttributeService(engine, tenant);
        this.events = this::readEvents;
        this.interactions = new DefaultInteractionService(engine, tenant);
        this.purchases = new DefaultPurchaseService(engine, tenant);
        this.timeline = new DefaultTimelineService(engine, tenant);
        this.bulk = new DefaultBulkService(engine, tenant);
        this.cases = new DefaultCaseService(engine, tenant);
        this.agents = new DefaultAgentService(engine, tenant);
        this.sla = new DefaultSlaService(engine, tenant);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param tenantId a tenant
     * @return a view of this engine scoped to that tenant
     */
    public Crm forTenant(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return tenantId.equals(tenant) ? this : new Crm(engine, dueWork, tenantId);
    }

    /** @return the tenant this view is scoped to */
    public TenantId tenant() {
        return tenant;
    }

    /** @return the customers of this tenant */
    public CustomerService customers() {
        return customers;
    }

    /** @return the custom attribute definitions of this tenant */
    public AttributeService attributes() {
        return attributes;
    }

    /**
     * @return the interactions of this tenant
     * @since 0.2
     */
    public InteractionService interactions() {
        return interactions;
    }

    /**
     * @return the orders, cancellations and returns of this tenant
     * @since 0.2
     */
    public PurchaseService purchases() {
        return purchases;
    }

    /**
     * @return the customers' timelines in this tenant
     * @since 0.2
     */
    public TimelineService timeline() {
        return timeline;
    }

    /**
     * @return bulk writes for imports in this tenant
     * @since 0.2
     */
    public BulkService bulk() {
        return bulk;
    }

    /**
     * @return the service cases of this tenant
     * @since 0.3
     */
    public CaseService cases() {
        return cases;
    }

    /**
     * @return the agents and teams of this tenant
     * @since 0.3
     */
    public AgentService agents() {
        return agents;
    }

    /**
     * @return the service-level policies of this tenant
     * @since 0.3
     */
    public SlaService sla() {
        return sla;
    }

    /** @return the event log of this tenant */
    public EventService events() {
        return events;
    }

    private EventPage readEvents(EventCursor after, int limit) {
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > 10_000) {
            throw ValidationException.of("limit", "must be between 1 and 10000");
        }
        List<StoredEvent> read = engine.read(tenant, s -> s.events().read(after.position(), limit));
        EventCursor next = read.isEmpty()
                ? after
                : new EventCursor(read.get(read.size() - 1).position());
        return new EventPage(read, next);
    }

    /**
     * Fires the timers due now, by the engine's clock, in every tenant (whichever tenant this view
     * is scoped to): claims a batch ({@link DueWorkSettings#batchSize()}), fires each timer in its
     * own transaction, and claims again until nothing due is left. For applications that drive due
     * work themselves (a cron job, a test); others start a {@link #scheduler(SchedulerSettings)}.
     * Safe to call from several threads and several application instances at once: a timer's
     * handler commits its effects once. If the calling thread is interrupted, the run stops before
     * the next timer and gives the rest of its batch back.
     *
     * <p>A timer that a handler schedules due at or before now is fired by the same run.
     *
     * @return what was done
     * @throws UnsupportedOperationException if the storage adapter does not store timers
     * @throws dev.rapport.crm.model.StorageException if claiming fails (a failing handler does not
     *     throw: it is counted in {@link DueWorkResult#failed()}); an {@link Error} thrown by a
     *     handler propagates, leaving the rest of the batch to the lease
     * @since 0.3
     */
    public DueWorkResult runDueWork() {
        return runDueWork(Integer.MAX_VALUE);
    }

    /**
     * Fires at most {@code maxTimers} of the timers due now, as {@link #runDueWork()} does.
     *
     * @param maxTimers the most timers to claim, at least 1
     * @return what was done
     * @throws IllegalArgumentException if {@code maxTimers} is below 1
     * @since 0.3
     */
    public DueWorkResult runDueWork(int maxTimers) {
        if (maxTimers < 1) {
            throw new IllegalArgumentException("maxTimers must be at least 1, was " + maxTimers);
        }
        Thread caller = Thread.currentThread();
        return dueWork.run(dueWork.settings().owner(), maxTimers, caller::isInterrupted);
    }

    /**
     * A scheduler of due work for this engine, not started: see {@link DueWorkScheduler}.
     *
     * @param settings threads, poll interval, owner
     * @return the scheduler; call {@link DueWorkScheduler#start()}
     * @throws ValidationException listing every problem with the settings
     * @since 0.3
     */
    public DueWorkScheduler scheduler(SchedulerSettings settings) {
        Objects.requireNonNull(settings, "settings");
        settings.validate();
        return new DefaultDueWorkScheduler(dueWork, settings);
    }

    /**
     * @return a scheduler with {@link SchedulerSettings#defaults()}, not started
     * @since 0.3
     */
    public DueWorkScheduler scheduler() {
        return scheduler(SchedulerSettings.defaults());
    }

    /** Closes the storage adapter (not the caller's DataSource). */
    @Override
    public void close() {
        engine.storage().close();
    }

    /**
     * Configures a {@link Crm}. Every setting has a default but the storage; {@link #build()}
     * reports every problem at once. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable CrmStorage storage;
        private Clock clock = Clock.systemUTC();
        private String defaultPhoneRegion = "US";
        private @Nullable Function<TenantId, TenantSettings> tenantSettings;
        private final List<CrmEventListener> listeners = new ArrayList<>();
        private int maxAttempts = 20;
        private int maxBodyLength = 1_000_000;
        private final Map<String, RoutingPolicy> routing = new LinkedHashMap<>();
        private DueWorkSettings dueWork = DueWorkSettings.defaults();
        private final Map<String, TimerHandler> timerHandlers = new LinkedHashMap<>();
        private final Set<String> duplicateKinds = new LinkedHashSet<>();

        private Builder() {}

        /**
         * @param adapter the storage adapter (required), such as {@code InMemoryStorage.create()} or
         *     {@code JdbcStorage.create(dataSource)}
         * @return this builder
         */
        public Builder storage(CrmStorage adapter) {
            this.storage = adapter;
            return this;
        }

        /**
         * @param time the clock every timestamp comes from; default {@link Clock#systemUTC()}
         * @return this builder
         */
        public Builder clock(Clock time) {
            this.clock = time;
            return this;
        }

        /**
         * @param region the ISO 3166 region for phone numbers written without a country code, for
         *     tenants without their own settings; default {@code US}
         * @return this builder
         */
        public Builder defaultPhoneRegion(String region) {
            this.defaultPhoneRegion = region;
            return this;
        }

        /**
         * @param settings each tenant's settings; default: every tenant uses {@link
         *     #defaultPhoneRegion(String)}
         * @return this builder
         */
        public Builder tenantSettings(Function<TenantId, TenantSettings> settings) {
            this.tenantSettings = settings;
            return this;
        }

        /**
         * @param listener told of every event after commit, in registration order
         * @return this builder
         */
        public Builder listener(CrmEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param attempts how often a command without an expected version is tried when concurrent
         *     changes keep winning; default 20
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * @param characters the longest interaction body, and separately the longest HTML body,
         *     accepted, in characters (Unicode code points); longer ones are refused with a {@link
         *     ValidationException}; default 1,000,000, at most 100,000,000
         * @return this builder
         * @since 0.2
         */
        public Builder maxBodyLength(int characters) {
            this.maxBodyLength = characters;
            return this;
        }

        /**
         * @param name the name teams use for it: 1 to 64 of {@code a-z}, {@code 0-9}, {@code -};
         *     not one of the built-in names ({@link RoutingPolicy#ROUND_ROBIN_NAME}, ...)
         * @param policy the policy
         * @return this builder
         * @since 0.3
         */
        public Builder routingPolicy(String name, RoutingPolicy policy) {
            routing.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * @param settings how due timers are claimed and fired; default {@link
         *     DueWorkSettings#defaults()}
         * @return this builder
         * @since 0.3
         */
        public Builder dueWork(DueWorkSettings settings) {
            this.dueWork = settings;
            return this;
        }

        /**
         * Registers the handler of a kind of timer (see {@link TimerHandler}, incubating). A kind
         * has one handler; registering a kind twice is reported by {@link #build()}. Every
         * instance that fires timers should register the same handlers: a timer claimed by an
         * instance without a handler for its kind fails that attempt and is retried.
         *
         * @param kind the timer kind, such as {@code reminder.follow-up} (see {@link
         *     dev.rapport.crm.model.timer.Timer#kind()})
         * @param handler fires the timers of that kind
         * @return this builder
         * @since 0.3
         */
        public Builder timerHandler(String kind, TimerHandler handler) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(handler, "handler");
            if (timerHandlers.putIfAbsent(kind, handler) != null) {
                duplicateKinds.add(kind);
            }
            return this;
        }

        /**
         * @return the engine, seen from {@link TenantId#DEFAULT}
         * @throws ValidationException listing every misconfiguration
         */
        public Crm build() {
            Violations v = new Violations();
            if (storage == null) {
                v.add("storage", "is required");
            }
            if (clock == null) {
                v.add("clock", "must not be null");
            }
            TenantSettings defaults = null;
            try {
                defaults = new TenantSettings(defaultPhoneRegion);
            } catch (ValidationException | NullPointerException e) {
                v.add("defaultPhoneRegion", "not a supported ISO 3166 region code");
            }
            if (maxAttempts < 1 || maxAttempts > 1000) {
                v.add("maxAttempts", "must be between 1 and 1000");
            }
            if (maxBodyLength < 1 || maxBodyLength > 100_000_000) {
                v.add("maxBodyLength", "must be between 1 and 100000000");
            }
            for (String name : routing.keySet()) {
                if (!name.matches("[a-z0-9-]{1,64}")) {
                    v.add("routingPolicy", "names must be 1-64 of a-z, 0-9 and '-', was " + name);
                } else if (name.equals(RoutingPolicy.ROUND_ROBIN_NAME)
                        || name.equals(RoutingPolicy.LEAST_LOADED_NAME)
                        || name.equals(RoutingPolicy.SKILL_BASED_NAME)) {
                    v.add("routingPolicy", "'" + name + "' is built in and cannot be replaced");
                }
            }
            if (dueWork == null) {
                v.add("dueWork", "must not be null");
            } else {
                try {
                    dueWork.validate();
                } catch (ValidationException e) {
                    v.addAll(e);
                }
            }
            for (String kind : timerHandlers.keySet()) {
                if (!Timer.isKind(kind)) {
                    v.add("timerHandler." + kind, "not a timer kind (lower-case words separated by '.', '_' or '-')");
                }
            }
            for (String kind : timerHandlers.keySet()) {
                if (kind.startsWith("case.")) {
                    v.add("timerHandler." + kind, "kinds starting with 'case.' are the engine's own");
                }
            }
            for (String kind : duplicateKinds) {
                v.add("timerHandler." + kind, "registered more than once");
            }
            if (!timerHandlers.isEmpty()
                    && storage != null
                    && storage.timerQueue().isEmpty()) {
                v.add("timerHandler", "the storage adapter does not store timers");
            }
            v.throwIfAny();
            TenantSettings fallback = defaults;
            Function<TenantId, TenantSettings> settings = tenantSettings == null
                    ? t -> fallback
                    : t -> Objects.requireNonNullElse(tenantSettings.apply(t), fallback);
            Engine engine = new Engine(
                    Objects.requireNonNull(storage), clock, listeners, settings, maxAttempts, maxBodyLength, routing);
            // The engine's own timers: service-level clocks becoming at risk or breached, reminders
            // of pending cases, solved cases closed.
            Map<String, TimerHandler> handlers = new LinkedHashMap<>(timerHandlers);
            TimerHandler sla = context -> new DefaultCaseService(engine, context.tenant())
                    .onSlaTimer(DefaultTimerContext.engineContext(context), context.timer());
            handlers.put(DefaultCaseService.AT_RISK_KIND, sla);
            handlers.put(DefaultCaseService.BREACH_KIND, sla);
            TimerHandler lifecycle = context -> new DefaultCaseService(engine, context.tenant())
                    .onLifecycleTimer(DefaultTimerContext.engineContext(context), context.timer());
            handlers.put(DefaultCaseService.REMINDER_KIND, lifecycle);
            handlers.put(DefaultCaseService.AUTO_CLOSE_KIND, lifecycle);
            return new Crm(engine, new DueWork(engine, handlers, dueWork), TenantId.DEFAULT);
        }
    }
}
