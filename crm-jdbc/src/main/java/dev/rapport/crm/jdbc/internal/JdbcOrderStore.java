package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.spi.OrderStore;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders in {@code orders} and their reversals in {@code order_reversals}: one row per record,
 * the record as JSON in {@code payload}, beside it the amounts, the fully-reversed flag and the
 * UTC date that the facts and totals aggregate, and the source key's hash under a unique index
 * per tenant.
 */
final class JdbcOrderStore implements OrderStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOrderStore.class);

    static final String ORDER_COLUMNS = "o.id, o.payload";
    static final String REVERSAL_COLUMNS = "r.id, r.payload";

    private final JdbcSession session;
    private final Dialect dialect;
    private final ActivityBulk<Order> bulk;
    private final ActivityBulk<Reversal> reversalBulk;

    JdbcOrderStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
        this.bulk = new ActivityBulk<>(
                session, RowShape.ORDERS, "order", "t.id, t.payload", ActivityRows::order, new ActivityBulk.Store<>() {
                    @Override
                    public @Nullable Object[] row(Order item) {
                        return JdbcOrderStore.this.row(item);
                    }

                    @Override
                    public long version(Order item) {
                        return item.version();
                    }

                    @Override
                    public @Nullable SourceRef source(Order item) {
                        return item.source();
                    }

                    @Override
                    public Optional<Order> insertIfAbsent(Order item) {
                        return JdbcOrderStore.this.insertIfAbsent(item);
                    }

                    @Override
                    public Map<String, Order> findBySources(Collection<SourceRef> sources) {
                        return JdbcOrderStore.this.findBySources(sources);
                    }
                });
        this.reversalBulk = new ActivityBulk<>(
                session,
                RowShape.REVERSALS,
                "reversal",
                "t.id, t.payload",
                ActivityRows::reversal,
                new ActivityBulk.Store<>() {
                    @Override
                    public @Nullable Object[] row(Reversal item) {
                        return ActivityRows.reversalRow(session.tenant().value(), item);
                    }

                    @Override
                    public long version(Reversal item) {
                        return 1L; // a reversal is written once and never updated
                    }

                    @Override
                    public @Nullable SourceRef source(Reversal item) {
                        return item.source();
                    }

                    @Override
                    public Optional<Reversal> insertIfAbsent(Reversal item) {
                        return insertReversalIfAbsent(item);
                    }

                    @Override
                    public Map<String, Reversal> findBySources(Collection<SourceRef> sources) {
                        return findReversalsBySources(sources);
                    }
                });
    }

    @Override
    public Optional<Order> get(OrderId id) {
        Objects.requireNonNull(id, "id");
        Sql sql = session.tenantSql("SELECT " + ORDER_COLUMNS + " FROM orders o WHERE o.tenant_id = ?")
                .append(" AND o.id = ?")
                .bind(session.uuid(id.value()));
        return session.queryOne(sql, "reading order " + id, ActivityRows::order);
    }

    @Override
    public Optional<Order> findBySource(SourceRef source) {
        Objects.requireNonNull(source, "source");
        Sql sql = session.tenantSql("SELECT " + ORDER_COLUMNS + " FROM orders o WHERE o.tenant_id = ?")
                .append(" AND o.source_hash = ? AND o.source_key = ?")
                .bindString(ActivityRows.sourceHash(source))
                .bindString(source.key());
        return session.queryOne(sql, "finding an order by source", ActivityRows::order);
    }

    @Override
    public Optional<Order> insertIfAbsent(Order order) {
        Objects.requireNonNull(order, "order");
        session.checkWritable();
        JdbcInteractionStore.checkNew(order.version(), ActivityKind.ORDER, order.id());
        Sql insert = RowShape.ORDERS.insert(dialect, row(order));
        Optional<Order> holder = session.insertUnlessSourceHeld(
                ActivityKind.ORDER,
                order.id().value(),
                insert,
                order.source(),
                "inserting order " + order.id(),
                this::findBySource,
                () -> {});
        if (holder.isEmpty()) {
            LOG.debug("Inserted order {} in tenant {}", order.id(), session.tenant());
        } else {
            LOG.debug(
                    "Order {} not inserted in tenant {}: order {} holds its source key",
                    order.id(),
                    session.tenant(),
                    holder.get().id());
        }
        return holder;
    }

    private @Nullable Object[] row(Order order) {
        return ActivityRows.orderRow(session.tenant().value(), order);
    }

    @Override
    public void update(Order before, Order after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        session.checkWritable();
        JdbcInteractionStore.checkUpdate(
                ActivityKind.ORDER,
                before.id(),
                after.id(),
                before.version(),
                after.version(),
                before.source(),
                after.source());
        OrderId id = after.id();
        Sql update = RowShape.ORDERS.update(dialect, row(after), before.version());
        int rows = session.update(update, "updating order " + id);
        JdbcInteractionStore.checkGuardedWrite(
                session, ActivityRows.ORDERS, "order", id, id.value(), rows, before.version());
        LOG.debug("Updated order {} to version {} in tenant {}", id, after.version(), session.tenant());
    }

    /** One query per chunk of source keys. */
    @Override
    public Map<String, Order> findBySources(Collection<SourceRef> sources) {
        return bulk.findBySources(sources);
    }

    /** {@code COPY} and one {@code INSERT ... SELECT} on PostgreSQL, batches elsewhere: {@link ActivityBulk}. */
    @Override
    public Map<String, Order> insertAllIfAbsent(List<Order> items) {
        return bulk.insertAllIfAbsent(items);
    }

    @Override
    public Optional<Reversal> findReversalBySource(SourceRef source) {
        Objects.requireNonNull(source, "source");
        Sql sql = session.tenantSql("SELECT " + REVERSAL_COLUMNS + " FROM order_reversals r WHERE r.tenant_id = ?")
                .append(" AND r.source_hash = ? AND r.source_key = ?")
                .bindString(ActivityRows.sourceHash(source))
                .bindString(source.key());
        return session.queryOne(sql, "finding a reversal by source", ActivityRows::reversal);
    }

    @Override
    public Optional<Reversal> insertReversalIfAbsent(Reversal reversal) {
        Objects.requireNonNull(reversal, "reversal");
        session.checkWritable();
        Sql insert = RowShape.REVERSALS.insert(
                dialect, ActivityRows.reversalRow(session.tenant().value(), reversal));
        Optional<Reversal> holder = session.insertUnlessSourceHeld(
                ActivityKind.REVERSAL,
                reversal.id().value(),
                insert,
                reversal.source(),
                "inserting reversal " + reversal.id() + " of order " + reversal.orderId(),
                this::findReversalBySource,
                () -> {});
        if (holder.isEmpty()) {
            LOG.debug(
                    "Inserted reversal {} of order {} in tenant {}",
                    reversal.id(),
                    reversal.orderId(),
                    session.tenant());
        } else {
            LOG.debug(
                    "Reversal {} not inserted in tenant {}: reversal {} holds its source key",
                    reversal.id(),
                    session.tenant(),
                    holder.get().id());
        }
        return holder;
    }

    @Override
    public List<Reversal> reversals(OrderId order) {
        Objects.requireNonNull(order, "order");
        Sql sql = session.tenantSql("SELECT " + REVERSAL_COLUMNS + " FROM order_reversals r WHERE r.tenant_id = ?")
                .append(" AND r.order_id = ? ORDER BY r.occurred_at, r.id")
                .bind(session.uuid(order.value()));
        return session.query(sql, "reading the reversals of order " + order, ActivityRows::reversal);
    }

    // --- bulk paths ---

    /** One query per {@link JdbcSession#CHUNK} distinct ids. */
    @Override
    public Map<OrderId, Order> getAll(Collection<OrderId> ids) {
        Objects.requireNonNull(ids, "ids");
        Set<OrderId> distinct = new LinkedHashSet<>();
        for (OrderId id : ids) {
            distinct.add(Objects.requireNonNull(id, "id"));
        }
        Map<OrderId, Order> byId = new HashMap<>();
        for (List<OrderId> chunk : JdbcSession.chunks(new ArrayList<>(distinct), JdbcSession.CHUNK)) {
            Sql sql = session.tenantSql("SELECT " + ORDER_COLUMNS + " FROM orders o WHERE o.tenant_id = ?")
                    .append(" AND o.id IN ");
            JdbcSession.appendInList(sql, chunk, id -> session.uuid(id.value()));
            for (Order order : session.query(sql, "reading " + chunk.size() + " orders", ActivityRows::order)) {
                byId.put(order.id(), order);
            }
        }
        Map<OrderId, Order> found = new LinkedHashMap<>();
        for (OrderId id : distinct) {
            Order order = byId.get(id);
            if (order != null) {
                found.put(id, order);
            }
        }
        return found;
    }

    /** One query per chunk of source keys: {@link ActivityBulk#findBySources}. */
    @Override
    public Map<String, Reversal> findReversalsBySources(Collection<SourceRef> sources) {
        return reversalBulk.findBySources(sources);
    }

    /** One query per {@link JdbcSession#CHUNK} distinct order ids, on the order index. */
    @Override
    public Map<OrderId, List<Reversal>> reversalsOf(Collection<OrderId> orders) {
        Objects.requireNonNull(orders, "orders");
        Map<OrderId, List<Reversal>> found = new LinkedHashMap<>();
        for (OrderId order : orders) {
            found.put(Objects.requireNonNull(order, "order"), new ArrayList<>());
        }
        for (List<OrderId> chunk : JdbcSession.chunks(new ArrayList<>(found.keySet()), JdbcSession.CHUNK)) {
            Sql sql = session.tenantSql("SELECT " + REVERSAL_COLUMNS + " FROM order_reversals r WHERE r.tenant_id = ?")
                    .append(" AND r.order_id IN ");
            JdbcSession.appendInList(sql, chunk, id -> session.uuid(id.value()));
            sql.append(" ORDER BY r.occurred_at, r.id");
            for (Reversal r : session.query(
                    sql, "reading the reversals of " + chunk.size() + " orders", ActivityRows::reversal)) {
                found.get(r.orderId()).add(r);
            }
        }
        return found;
    }

    /**
     * {@code COPY} and one {@code INSERT ... SELECT} on PostgreSQL, batches elsewhere, as for
     * orders: {@link ActivityBulk}.
     */
    @Override
    public Map<String, Reversal> insertAllReversalsIfAbsent(List<Reversal> items) {
        return reversalBulk.insertAllIfAbsent(items);
    }

    /**
     * Each order written once, with its last state, guarded by the version of its first: one batch
     * of {@code UPDATE ... WHERE version = ?}. An update count other than 1 is turned into the
     * exception {@link #update} throws. Where the driver may report no counts ({@code
     * SUCCESS_NO_INFO}, {@link Dialect#batchUpdateCountsMayBeUnknown()}), the rows are first locked
     * and their versions checked ({@code SELECT ... FOR UPDATE}), so that the batch cannot miss: a
     * read-back could not tell this write from a concurrent one that left the same state (two
     * equal reversals of one order do). A driver that reports no counts elsewhere is refused. Steps
     * that do not follow each other go through {@link #update} one by one, as the interface's
     * default does.
     */
    @Override
    public void updateAll(List<Order> before, List<Order> after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.size() != after.size()) {
            throw new IllegalArgumentException(
                    "updateAll takes as many orders after as before, not " + after.size() + " and " + before.size());
        }
        session.checkWritable();
        // Per order: the state it was read in, and the last state of its steps.
        Map<OrderId, Order[]> writes = new LinkedHashMap<>();
        for (int i = 0; i < before.size(); i++) {
            Order b = Objects.requireNonNull(before.get(i), "before");
            Order a = Objects.requireNonNull(after.get(i), "after");
            JdbcInteractionStore.checkUpdate(
                    ActivityKind.ORDER, b.id(), a.id(), b.version(), a.version(), b.source(), a.source());
            Order[] write = writes.get(b.id());
            if (write == null) {
                writes.put(b.id(), new Order[] {b, a});
            } else if (write[1].equals(b)) {
                write[1] = a;
            } else {
                OrderStore.super.updateAll(before, after);
                return;
            }
        }
        List<Order[]> list = new ArrayList<>(writes.values());
        boolean locked = dialect.batchUpdateCountsMayBeUnknown();
        if (locked) {
            lockAndCheckVersions(list);
        }
        List<Sql> updates = new ArrayList<>(list.size());
        for (Order[] write : list) {
            updates.add(RowShape.ORDERS.update(dialect, row(write[1]), write[0].version()));
        }
        int[] counts = session.batch(updates, "updating " + updates.size() + " orders");
        for (int i = 0; i < list.size(); i++) {
            Order[] write = list.get(i);
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                if (!locked) {
                    throw new IllegalStateException("the JDBC driver reported no update counts for a batch of "
                            + list.size() + " orders in tenant " + session.tenant()
                            + ", which this dialect does not expect: the version guards cannot be checked");
                }
            } else {
                JdbcInteractionStore.checkGuardedWrite(
                        session,
                        ActivityRows.ORDERS,
                        "order",
                        write[0].id(),
                        write[0].id().value(),
                        counts[i],
                        write[0].version());
            }
        }
        LOG.debug("Updated {} orders in tenant {}", list.size(), session.tenant());
    }

    /**
     * Locks the orders to be written and checks that each still has the version it was read with,
     * failing as a missed guard would.
     */
    private void lockAndCheckVersions(List<Order[]> writes) {
        Map<OrderId, Long> versions = new HashMap<>();
        List<OrderId> ids = writes.stream().map(w -> w[0].id()).toList();
        for (List<OrderId> chunk : JdbcSession.chunks(ids, JdbcSession.CHUNK)) {
            Sql sql = session.tenantSql("SELECT o.id, o.version FROM orders o WHERE o.tenant_id = ?")
                    .append(" AND o.id IN ");
            JdbcSession.appendInList(sql, chunk, id -> session.uuid(id.value()));
            sql.append(" ORDER BY o.id FOR UPDATE");
            for (Map.Entry<OrderId, Long> row : session.query(
                    sql,
                    "locking " + chunk.size() + " orders",
                    rs -> Map.entry(OrderId.of(dialect.getUuid(rs, "id")), rs.getLong("version")))) {
                versions.put(row.getKey(), row.getValue());
            }
        }
        for (Order[] write : writes) {
            Long version = versions.get(write[0].id());
            if (version == null || version != write[0].version()) {
                JdbcInteractionStore.checkGuardedWrite(
                        session,
                        ActivityRows.ORDERS,
                        "order",
                        write[0].id(),
                        write[0].id().value(),
                        0,
                        write[0].version());
            }
        }
    }
}
