package dev.rapport.crm.inmemory;

import dev.rapport.crm.inmemory.internal.TenantState;
import dev.rapport.crm.inmemory.internal.TimerTable;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.TimerQueue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory reference adapter: every tenant's data in the JVM heap, with the transactional
 * behaviour of a database. Test suites use it in place of the JDBC adapter; the contract tests
 * of crm-tck run against both, and a difference in behaviour is a bug.
 *
 * <pre>{@code
 * CrmStorage storage = InMemoryStorage.create();
 * Crm crm = Crm.builder().storage(storage).build();
 * }</pre>
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>{@link #inTransaction} applies all of the work's writes at once when the work returns,
 *       or none if it throws; the work's exception is rethrown unchanged. Versions and identity
 *       uniqueness are checked at each write, against the committed state and the transaction's
 *       own writes; since no other transaction of the tenant can commit meanwhile (see below),
 *       they still hold at commit. The work runs exactly once.
 *   <li>{@link #read} sees committed data only. Each call of the session sees a consistent state
 *       (every commit whole or not at all), but two calls may see different commits, like a
 *       database's READ COMMITTED isolation.
 *   <li>Tenants are fully separate: each has its own maps, indexes, locks and event log.
 *   <li>Event positions are 1, 2, 3, ... per tenant in commit order, with no gaps: a reader that
 *       has seen position {@code p} has seen every event at or below it.
 * </ul>
 *
 * <h2>Concurrency</h2>
 *
 * <p>Per tenant there is a <b>writer lock</b> and a <b>commit lock</b>:
 *
 * <ul>
 *   <li>A write transaction holds the tenant's writer lock (a non-fair {@code ReentrantLock}) for
 *       its whole duration, so <b>write transactions of one tenant run one at a time</b>; those of
 *       different tenants run in parallel. Its writes go to a private write set (the final state
 *       of every row it touched) that its own reads see merged over the committed state. Keep
 *       work short; a transaction must not open another on the same tenant (it fails with
 *       {@link IllegalStateException} rather than deadlock).
 *   <li>At commit the write set is applied to the tenant's concurrent maps under the exclusive
 *       mode of a {@code StampedLock} held only for those map updates. Readers never block on a
 *       running transaction: they read the maps under an optimistic stamp and validate it
 *       afterwards, and only if a commit overlapped do they read again under the shared mode.
 *       Records are immutable, so nothing is copied on read.
 *   <li>Sorted indexes for {@code CREATED} and {@code NAME} listings (skip lists keyed by sort
 *       key) are built on a tenant's first listing in that order and kept up to date by every
 *       commit after, so inserts do not pay for orders never listed, and a page costs
 *       {@code O(log n + rows scanned)}.
 *   <li>The event log is an append-only array of chunks; a commit fills the slots, then
 *       publishes its last position with one volatile write, so polling takes no lock.
 *   <li>Timers (since 0.3) of every tenant are in one table under one lock, held for a few map
 *       operations, with an index by the instant each becomes claimable. A write transaction
 *       marks the committed timers it writes as locked until it ends, as a database's row locks
 *       would, and claims skip them. A handler that runs long therefore holds its timer, and, as
 *       any transaction does here, its tenant's other writers.
 * </ul>
 *
 * <p>Everything is kept until {@link #close()}: deleted customers are dropped, but the event log
 * is never truncated, so its memory grows with the number of events.
 *
 * <p>This class is thread-safe. Sessions are not: each is confined to the thread running its
 * callback and throws {@link IllegalStateException} if used after the callback returns, and a
 * read session's write methods throw {@link IllegalStateException}.
 *
 * @since 0.1
 */
public final class InMemoryStorage implements CrmStorage {
    private static final Logger log = LoggerFactory.getLogger(InMemoryStorage.class);

    private final ConcurrentHashMap<TenantId, TenantState> tenants = new ConcurrentHashMap<>();
    private final TimerTable timers = new TimerTable();
    private final TimerQueue timerQueue = new Queue();
    private volatile boolean closed;

    private InMemoryStorage() {}

    /** @return a new, empty storage */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    @Override
    public <T> T inTransaction(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        return state(tenant).inTransaction(work);
    }

    @Override
    public <T> T read(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        return state(tenant).read(work);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every tenant's timers are in one table under one lock, held for a few map operations per
     * call; claims scan an index by availability instant and skip timers that a running
     * transaction has written (the lock a database row would hold).
     *
     * @since 0.3
     */
    @Override
    public Optional<TimerQueue> timerQueue() {
        return Optional.of(timerQueue);
    }

    /** Drops every tenant's data; later calls throw {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tenants.clear();
            timers.clear();
            log.debug("in-memory storage closed");
        }
    }

    private TenantState state(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        if (closed) {
            throw new IllegalStateException("the in-memory storage is closed");
        }
        TenantState state = tenants.get(tenant);
        return state != null ? state : tenants.computeIfAbsent(tenant, t -> new TenantState(t, timers));
    }

    @Override
    public String toString() {
        return "InMemoryStorage";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the in-memory storage is closed");
        }
    }

    /** The cross-tenant view of {@link #timers}. */
    private final class Queue implements TimerQueue {
        @Override
        public List<ClaimedTimer> claimDue(Instant now, int limit, String owner, Instant leaseUntil) {
            TimerQueue.checkClaim(now, limit, owner, leaseUntil);
            checkOpen();
            return timers.claim(now.truncatedTo(ChronoUnit.MICROS), limit, owner, leaseUntil);
        }

        @Override
        public int release(List<ClaimedTimer> claims, Instant availableAt) {
            Objects.requireNonNull(claims, "claims");
            Objects.requireNonNull(availableAt, "availableAt");
            checkOpen();
            return claims.isEmpty() ? 0 : timers.release(claims, availableAt.truncatedTo(ChronoUnit.MICROS));
        }
    }
}
