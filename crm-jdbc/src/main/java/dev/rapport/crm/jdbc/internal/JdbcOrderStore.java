package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.spi.OrderStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
                this::findBySource);
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
        Sql insert = session.tenantSql("INSERT INTO order_reversals (tenant_id, id, order_id, customer_id, kind,"
                        + " occurred_at, channel, currency, amount, source_hash, source_key, payload) VALUES (?")
                .append(", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ")")
                .bind(session.uuid(reversal.id().value()))
                .bind(session.uuid(reversal.orderId().value()))
                .bind(session.uuid(reversal.customerId().value()))
                .bindString(reversal.kind().name())
                .bind(session.instant(reversal.occurredAt()))
                .bindString(reversal.channel().name())
                .bindString(reversal.currency().getCurrencyCode())
                .bind((ps, i) -> ps.setBigDecimal(i, reversal.amount()))
                .bind(JdbcSession.nullableString(ActivityRows.sourceHash(reversal.source())))
                .bind(JdbcSession.nullableString(ActivityRows.sourceKey(reversal.source())))
                .bindString(ActivityRows.json(reversal));
        Optional<Reversal> holder = session.insertUnlessSourceHeld(
                ActivityKind.REVERSAL,
                reversal.id().value(),
                insert,
                reversal.source(),
                "inserting reversal " + reversal.id() + " of order " + reversal.orderId(),
                this::findReversalBySource);
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
}
