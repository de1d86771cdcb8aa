package dev.rapport.crm.tck;

import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.spi.ActivityStore;
import dev.rapport.crm.spi.AttributeDefinitionStore;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.CustomerStore;
import dev.rapport.crm.spi.EventLog;
import dev.rapport.crm.spi.InteractionStore;
import dev.rapport.crm.spi.OrderStore;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.TimerQueue;
import dev.rapport.crm.spi.TimerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * One application instance's view of a storage, which the test can kill: from {@link #kill()} on,
 * every call the instance makes to the storage (a transaction, a store call inside one already
 * running, a claim) throws {@link Killed}, an {@link Error}, as if the process had died. Work in
 * flight rolls back; what the instance had claimed stays claimed until the lease ends. Records
 * every claim the instance made.
 */
final class KillableStorage implements CrmStorage {

    /** The simulated death of the instance. No stack trace: the logs only need its message. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed(String instance) {
            super("simulated crash of instance " + instance, null, false, false);
        }
    }

    private final String name;
    private final CrmStorage delegate;
    private final ConcurrentLinkedQueue<ClaimedTimer> claims = new ConcurrentLinkedQueue<>();
    private volatile boolean killed;

    KillableStorage(String name, CrmStorage delegate) {
        this.name = name;
        this.delegate = delegate;
    }

    /** Kills the instance: every later call fails. */
    void kill() {
        killed = true;
    }

    boolean isKilled() {
        return killed;
    }

    /** @throws Killed if killed */
    void check() {
        if (killed) {
            throw new Killed(name);
        }
    }

    /** @return every timer this instance claimed, in claim order */
    List<ClaimedTimer> claims() {
        return new ArrayList<>(claims);
    }

    @Override
    public <T> T inTransaction(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
        check();
        return delegate.inTransaction(tenant, s -> work.apply(new Session(s)));
    }

    @Override
    public <T> T read(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
        check();
        return delegate.read(tenant, s -> work.apply(new Session(s)));
    }

    @Override
    public Optional<TimerQueue> timerQueue() {
        return delegate.timerQueue().map(Queue::new);
    }

    /** Closes nothing: the storage is shared with the other instances. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "instance " + name + " of " + delegate;
    }

    private final class Queue implements TimerQueue {
        private final TimerQueue queue;

        Queue(TimerQueue queue) {
            this.queue = queue;
        }

        @Override
        public List<ClaimedTimer> claimDue(Instant now, int limit, String owner, Instant leaseUntil) {
            check();
            List<ClaimedTimer> claimed = queue.claimDue(now, limit, owner, leaseUntil);
            claims.addAll(claimed);
            check(); // died right after claiming: the batch stays claimed
            return claimed;
        }

        @Override
        public int release(List<ClaimedTimer> given, Instant availableAt) {
            check();
            return queue.release(given, availableAt);
        }
    }

    private final class Session implements StorageSession {
        private final StorageSession session;

        Session(StorageSession session) {
            this.session = session;
        }

        @Override
        public TenantId tenant() {
            return session.tenant();
        }

        @Override
        public CustomerStore customers() {
            check();
            return session.customers();
        }

        @Override
        public AttributeDefinitionStore attributeDefinitions() {
            check();
            return session.attributeDefinitions();
        }

        @Override
        public EventLog events() {
            check();
            return session.events();
        }

        @Override
        public InteractionStore interactions() {
            check();
            return session.interactions();
        }

        @Override
        public OrderStore orders() {
            check();
            return session.orders();
        }

        @Override
        public ActivityStore activity() {
            check();
            return session.activity();
        }

        @Override
        public TimerStore timers() {
            check();
            TimerStore timers = session.timers();
            return new TimerStore() {
                @Override
                public Optional<Timer> get(String key) {
                    check();
                    return timers.get(key);
                }

                @Override
                public void schedule(Timer timer) {
                    check();
                    timers.schedule(timer);
                }

                @Override
                public boolean cancel(String key) {
                    check();
                    return timers.cancel(key);
                }

                @Override
                public boolean complete(ClaimedTimer claim) {
                    check();
                    return timers.complete(claim);
                }

                @Override
                public boolean retry(ClaimedTimer claim, Instant retryAt) {
                    check();
                    return timers.retry(claim, retryAt);
                }

                @Override
                public boolean park(ClaimedTimer claim, Instant parkedAt) {
                    check();
                    return timers.park(claim, parkedAt);
                }
            };
        }
    }
}
