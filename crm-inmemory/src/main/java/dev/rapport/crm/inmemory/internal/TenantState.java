package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.SortKey;
import dev.rapport.crm.spi.StorageSession;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committed state of one tenant and the two locks that guard it.
 *
 * <ul>
 *   <li>{@link #writer} is held by a write transaction from its start to its end, so write
 *       transactions of one tenant run one at a time and the committed state cannot change under
 *       the transaction that holds it.
 *   <li>{@link #commitLock} is held exclusively only while a write set is applied. Readers read
 *       the concurrent maps under an optimistic stamp and validate it afterwards; if a commit
 *       overlapped, they read again under the read lock. So no reader ever sees part of a commit.
 * </ul>
 */
public final class TenantState {
    private static final Logger log = LoggerFactory.getLogger(TenantState.class);

    final TenantId tenant;
    private final ReentrantLock writer = new ReentrantLock();
    private final StampedLock commitLock = new StampedLock();

    final ConcurrentHashMap<CustomerId, Customer> customers = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, CustomerId> identities = new ConcurrentHashMap<>();
    final ConcurrentSkipListMap<String, AttributeDefinition> definitions = new ConcurrentSkipListMap<>();
    final EventStore events = new EventStore();
    final ActivityState activity = new ActivityState();
    final CaseState cases = new CaseState();
    final TimerTable timers;

    /** Sorted indexes, built on first use of their order and maintained by every commit after. */
    private volatile @Nullable ConcurrentSkipListMap<SortKey, Customer> byCreated;

    private volatile @Nullable ConcurrentSkipListMap<SortKey, Customer> byName;
    private final Object indexBuild = new Object();

    /**
     * @param tenant the tenant this state belongs to
     * @param timers the storage's timer table, shared by every tenant
     */
    public TenantState(TenantId tenant, TimerTable timers) {
        this.tenant = tenant;
        this.timers = timers;
    }

    /**
     * Runs work in a write transaction: holds the writer lock throughout, commits the write set
     * if the work returns, discards it if the work throws (rethrowing unchanged).
     *
     * @param work the work
     * @return what the work returned
     */
    public <T> T inTransaction(Function<? super StorageSession, ? extends T> work) {
        if (writer.isHeldByCurrentThread()) {
            throw new IllegalStateException("a transaction of tenant " + tenant
                    + " is already running on this thread; a transaction cannot open another on the same tenant");
        }
        writer.lock();
        try {
            Session session = Session.writable(this);
            T result;
            try {
                result = work.apply(session);
            } catch (Throwable e) { // precise rethrow: only what the work threw, unchanged
                session.rollback();
                log.debug(
                        "tenant {}: transaction rolled back by {}",
                        tenant,
                        e.getClass().getName());
                throw e;
            }
            session.commit();
            return result;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Runs work in a read-only session of committed state.
     *
     * @param work the work
     * @return what the work returned
     */
    public <T> T read(Function<? super StorageSession, ? extends T> work) {
        Session session = Session.readOnly(this);
        try {
            return work.apply(session);
        } finally {
            session.close();
        }
    }

    /**
     * Runs a read of committed state so that it sees all of every commit or none of it.
     *
     * @param read the read; may run twice, so it must have no side effects
     */
    <R> R readConsistent(Supplier<R> read) {
        long stamp = commitLock.tryOptimisticRead();
        if (stamp != 0L) {
            try {
                R result = read.get();
                if (commitLock.validate(stamp)) {
                    return result;
                }
            } catch (RuntimeException e) {
                // A torn read may fail in ways a consistent one cannot; only report a real failure.
                if (commitLock.validate(stamp)) {
                    throw e;
                }
            }
        }
        stamp = commitLock.readLock();
        try {
            return read.get();
        } finally {
            commitLock.unlockRead(stamp);
        }
    }

    /** @return the committed customer, read consistently with every other commit */
    @Nullable
    Customer customer(CustomerId id) {
        long stamp = commitLock.tryOptimisticRead();
        Customer customer = customers.get(id);
        if (commitLock.validate(stamp)) {
            return customer;
        }
        stamp = commitLock.readLock();
        try {
            return customers.get(id);
        } finally {
            commitLock.unlockRead(stamp);
        }
    }

    /** @return the committed holder of an identity key */
    @Nullable
    CustomerId holder(String identityKey) {
        long stamp = commitLock.tryOptimisticRead();
        CustomerId holder = identities.get(identityKey);
        if (commitLock.validate(stamp)) {
            return holder;
        }
        stamp = commitLock.readLock();
        try {
            return identities.get(identityKey);
        } finally {
            commitLock.unlockRead(stamp);
        }
    }

    /**
     * The sorted index of an order, built now if this is its first use. Building holds the commit
     * read lock, so no commit runs while it is built, and every commit after sees it and keeps it
     * up to date.
     */
    ConcurrentSkipListMap<SortKey, Customer> index(CustomerSort sort) {
        ConcurrentSkipListMap<SortKey, Customer> index = sort == CustomerSort.CREATED ? byCreated : byName;
        if (index != null) {
            return index;
        }
        long stamp = commitLock.readLock();
        try {
            synchronized (indexBuild) {
                index = sort == CustomerSort.CREATED ? byCreated : byName;
                if (index == null) {
                    index = new ConcurrentSkipListMap<>(Orders.comparator(sort));
                    for (Customer customer : customers.values()) {
                        index.put(Orders.key(customer, sort), customer);
                    }
                    if (sort == CustomerSort.CREATED) {
                        byCreated = index;
                    } else {
                        byName = index;
                    }
                    log.debug("tenant {}: built {} index over {} customers", tenant, sort, index.size());
                }
                return index;
            }
        } finally {
            commitLock.unlockRead(stamp);
        }
    }

    /**
     * Applies a write set. The caller holds {@link #writer}, has checked every version and
     * identity, and the write set cannot fail to apply: it is plain map updates.
     */
    void commit(WriteSet writes) {
        long stamp = commitLock.writeLock();
        long lastPosition = 0L;
        try {
            if (writes.customers != null) {
                ConcurrentSkipListMap<SortKey, Customer> created = byCreated;
                ConcurrentSkipListMap<SortKey, Customer> named = byName;
                for (Map.Entry<CustomerId, @Nullable Customer> e : writes.customers.entrySet()) {
                    Customer next = e.getValue();
                    Customer previous = next == null ? customers.remove(e.getKey()) : customers.put(e.getKey(), next);
                    if (created != null) {
                        reindex(created, CustomerSort.CREATED, previous, next);
                    }
                    if (named != null) {
                        reindex(named, CustomerSort.NAME, previous, next);
                    }
                }
            }
            if (writes.identities != null) {
                for (Map.Entry<String, @Nullable CustomerId> e : writes.identities.entrySet()) {
                    CustomerId holder = e.getValue();
                    if (holder == null) {
                        identities.remove(e.getKey());
                    } else {
                        identities.put(e.getKey(), holder);
                    }
                }
            }
            if (writes.definitions != null) {
                for (Map.Entry<String, @Nullable AttributeDefinition> e : writes.definitions.entrySet()) {
                    AttributeDefinition definition = e.getValue();
                    if (definition == null) {
                        definitions.remove(e.getKey());
                    } else {
                        definitions.put(e.getKey(), definition);
                    }
                }
            }
            if (writes.activities != null) {
                for (Map.Entry<UUID, @Nullable Activity> e : writes.activities.entrySet()) {
                    activity.apply(e.getKey(), activity.byId.get(e.getKey()), e.getValue());
                }
            }
            if (writes.sources != null) {
                activity.applySources(writes.sources);
            }
            if (writes.cases != null) {
                writes.cases.forEach(cases::apply);
            }
            if (writes.history != null) {
                cases.appendHistory(writes.history);
            }
            if (writes.agents != null) {
                cases.agents.putAll(writes.agents);
            }
            if (writes.teams != null) {
                cases.teams.putAll(writes.teams);
            }
            if (writes.policies != null) {
                cases.policies.putAll(writes.policies);
            }
            if (writes.timers != null) {
                timers.apply(tenant, writes.timers);
            }
            if (writes.events != null) {
                lastPosition = events.append(writes.events);
            }
        } finally {
            commitLock.unlockWrite(stamp);
        }
        if (log.isDebugEnabled()) {
            log.debug(
                    "tenant {}: committed {} customer changes and {} events (last position {})",
                    tenant,
                    writes.customerCount(),
                    writes.eventCount(),
                    lastPosition);
        }
    }

    private static void reindex(
            ConcurrentSkipListMap<SortKey, Customer> index,
            CustomerSort sort,
            @Nullable Customer previous,
            @Nullable Customer next) {
        SortKey nextKey = next == null ? null : Orders.key(next, sort);
        if (previous != null) {
            SortKey previousKey = Orders.key(previous, sort);
            if (nextKey == null || index.comparator().compare(previousKey, nextKey) != 0) {
                index.remove(previousKey);
            }
        }
        if (next != null) {
            index.put(nextKey, next);
        }
    }
}
