package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.TimerId;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.model.timer.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tenant's committed timers, and the cross-tenant availability index that claims scan. One
 * lock guards it all; every critical section is a few map operations.
 *
 * <p>What a database gives with row locks is kept here with a mark: a write transaction that
 * writes a timer key marks the committed row as locked by its write set until it commits or rolls
 * back, and claims skip marked rows. Write transactions of one tenant are serial (the tenant's
 * writer lock), so a mark is only ever met by claims, never by another transaction.
 */
public final class TimerTable {
    /** Creates an empty table. */
    public TimerTable() {}

    private static final Logger log = LoggerFactory.getLogger(TimerTable.class);

    /**
     * A stored timer with its claim. Immutable; replaced on every change.
     *
     * @param timer the timer
     * @param token the current claim's token, or null when unclaimed
     * @param owner the current claim's owner, or null
     * @param availableAt from when it may be claimed (its due or retry instant, or its lease's
     *     end while claimed); null when parked
     * @param lockedBy the write set of the transaction that locks it, or null
     */
    record Row(
            Timer timer,
            @Nullable UUID token,
            @Nullable String owner,
            @Nullable Instant availableAt,
            @Nullable Object lockedBy) {

        /** @return a new, unclaimed row for a scheduled timer */
        static Row scheduled(Timer timer) {
            return new Row(timer, null, null, timer.dueAt(), null);
        }

        boolean heldBy(ClaimedTimer claim) {
            return timer.id().equals(claim.timer().id()) && claim.claimToken().equals(token);
        }

        Row locked(@Nullable Object by) {
            return new Row(timer, token, owner, availableAt, by);
        }
    }

    /** A position in the availability index. */
    private record Available(Instant at, TenantId tenant, TimerId id) {}

    private static final Comparator<Available> ORDER =
            Comparator.comparing(Available::at).thenComparing(Available::tenant).thenComparing(Available::id);

    private final ReentrantLock lock = new ReentrantLock();
    private final HashMap<TenantId, HashMap<String, Row>> rows = new HashMap<>();

    /** Available rows (not parked) by the instant they become available; values are the keys. */
    private final TreeMap<Available, String> available = new TreeMap<>(ORDER);

    /**
     * @param tenant a tenant
     * @param key a timer key
     * @return its committed row, or null
     */
    @Nullable
    Row committed(TenantId tenant, String key) {
        lock.lock();
        try {
            return row(tenant, key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Locks the committed row of a key for a transaction, if it exists and the condition holds.
     *
     * @param tenant the tenant
     * @param key the key
     * @param by the transaction's write set
     * @param condition what the committed row must satisfy to be locked
     * @return the row (now locked by {@code by}), or null if absent or not satisfying the condition
     */
    @Nullable
    Row lockIf(TenantId tenant, String key, Object by, Predicate<Row> condition) {
        lock.lock();
        try {
            Row row = row(tenant, key);
            if (row == null || !condition.test(row)) {
                return null;
            }
            if (row.lockedBy() != null && row.lockedBy() != by) {
                throw new IllegalStateException("a timer of tenant " + tenant + " is locked by another transaction");
            }
            if (row.lockedBy() == null) {
                rows.get(tenant).put(key, row.locked(by));
            }
            return row;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies a committed transaction's timer writes and clears its locks.
     *
     * @param tenant the tenant
     * @param writes the final state of every key the transaction wrote; null means removed
     */
    void apply(TenantId tenant, Map<String, @Nullable Row> writes) {
        lock.lock();
        try {
            HashMap<String, Row> tenantRows = rows.computeIfAbsent(tenant, t -> new HashMap<>());
            for (Map.Entry<String, @Nullable Row> e : writes.entrySet()) {
                String key = e.getKey();
                Row old = tenantRows.remove(key);
                if (old != null) {
                    unindex(old);
                }
                Row next = e.getValue();
                if (next != null) {
                    next = next.locked(null);
                    tenantRows.put(key, next);
                    index(next);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Clears the locks of a transaction that rolled back.
     *
     * @param tenant the tenant
     * @param keys the keys it wrote
     * @param by its write set
     */
    void unlock(TenantId tenant, Collection<String> keys, Object by) {
        lock.lock();
        try {
            HashMap<String, Row> tenantRows = rows.get(tenant);
            if (tenantRows == null) {
                return;
            }
            for (String key : keys) {
                Row row = tenantRows.get(key);
                if (row != null && row.lockedBy() == by) {
                    tenantRows.put(key, row.locked(null));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Claims available timers of every tenant (see {@link dev.rapport.crm.spi.TimerQueue#claimDue}).
     *
     * @param now the claim's instant
     * @param limit how many at most
     * @param owner the claimer
     * @param leaseUntil the lease's end
     * @return the claims, by due instant then id
     */
    public List<ClaimedTimer> claim(Instant now, int limit, String owner, Instant leaseUntil) {
        UUID token = UUID.randomUUID();
        List<ClaimedTimer> claimed = new ArrayList<>();
        lock.lock();
        try {
            List<Map.Entry<Available, String>> picked = new ArrayList<>();
            Iterator<Map.Entry<Available, String>> it = available.entrySet().iterator();
            while (it.hasNext() && picked.size() < limit) {
                Map.Entry<Available, String> e = it.next();
                if (e.getKey().at().isAfter(now)) {
                    break;
                }
                Row row = rows.get(e.getKey().tenant()).get(e.getValue());
                if (row.lockedBy() == null) {
                    // A copy: TreeMap.remove may move another key and value into a live entry.
                    picked.add(Map.entry(e.getKey(), e.getValue()));
                }
            }
            for (Map.Entry<Available, String> e : picked) {
                HashMap<String, Row> tenantRows = rows.get(e.getKey().tenant());
                Row row = tenantRows.get(e.getValue());
                Timer timer = row.timer().withAttempts(row.timer().attempts() + 1);
                Row next = new Row(timer, token, owner, leaseUntil, null);
                unindex(row);
                tenantRows.put(e.getValue(), next);
                index(next);
                claimed.add(new ClaimedTimer(timer, token, owner, leaseUntil));
            }
        } finally {
            lock.unlock();
        }
        claimed.sort(Comparator.comparing((ClaimedTimer c) -> c.timer().dueAt())
                .thenComparing(c -> c.timer().id()));
        if (!claimed.isEmpty()) {
            log.debug("{} claimed {} timers until {}", owner, claimed.size(), leaseUntil);
        }
        return claimed;
    }

    /**
     * Gives claims back unfired (see {@link dev.rapport.crm.spi.TimerQueue#release}).
     *
     * @param claims the claims
     * @param availableAt when they may be claimed again
     * @return how many were given back
     */
    public int release(List<ClaimedTimer> claims, Instant availableAt) {
        int released = 0;
        lock.lock();
        try {
            for (ClaimedTimer claim : claims) {
                Timer timer = claim.timer();
                HashMap<String, Row> tenantRows = rows.get(timer.tenantId());
                Row row = tenantRows == null ? null : tenantRows.get(timer.key());
                if (row == null || row.lockedBy() != null || !row.heldBy(claim)) {
                    continue;
                }
                Timer back = row.timer().withAttempts(Math.max(0, row.timer().attempts() - 1));
                Row next = new Row(back, null, null, availableAt, null);
                unindex(row);
                tenantRows.put(timer.key(), next);
                index(next);
                released++;
            }
        } finally {
            lock.unlock();
        }
        return released;
    }

    /** Drops everything. */
    public void clear() {
        lock.lock();
        try {
            rows.clear();
            available.clear();
        } finally {
            lock.unlock();
        }
    }

    private @Nullable Row row(TenantId tenant, String key) {
        Objects.requireNonNull(key, "key");
        HashMap<String, Row> tenantRows = rows.get(tenant);
        return tenantRows == null ? null : tenantRows.get(key);
    }

    private void index(Row row) {
        Instant at = row.availableAt();
        if (at != null) {
            available.put(
                    new Available(at, row.timer().tenantId(), row.timer().id()),
                    row.timer().key());
        }
    }

    private void unindex(Row row) {
        Instant at = row.availableAt();
        if (at != null) {
            available.remove(
                    new Available(at, row.timer().tenantId(), row.timer().id()));
        }
    }
}
