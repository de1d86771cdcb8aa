package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.spi.OrderStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    JdbcOrderStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
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
        Sql insert = session.tenantSql("INSERT INTO orders (tenant_id, id, version, customer_id, occurred_at,"
                        + " occurred_date, channel, currency, total, reversed_total, fully_reversed, source_hash,"
                        + " source_key, payload) VALUES (?")
                .append(", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ")")
                .bind(session.uuid(order.id().value()))
                .bind((ps, i) -> ps.setLong(i, order.version()));
        bindOrderColumns(insert, order);
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

    /** Binds customer_id .. payload, in the order of the INSERT and UPDATE column lists. */
    private void bindOrderColumns(Sql sql, Order order) {
        LocalDate utcDate = LocalDate.ofInstant(order.occurredAt(), ZoneOffset.UTC);
        sql.bind(session.uuid(order.customerId().value()))
                .bind(session.instant(order.occurredAt()))
                .bind((ps, i) -> ps.setObject(i, utcDate))
                .bindString(order.channel().name())
                .bindString(order.currency().getCurrencyCode())
                .bind((ps, i) -> ps.setBigDecimal(i, order.total()))
                .bind((ps, i) -> ps.setBigDecimal(i, order.reversedTotal()))
                .bind((ps, i) -> ps.setBoolean(i, order.fullyReversed()))
                .bind(JdbcSession.nullableString(ActivityRows.sourceHash(order.source())))
                .bind(JdbcSession.nullableString(ActivityRows.sourceKey(order.source())))
                .bindString(ActivityRows.json(order));
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
        Sql update = new Sql()
                .append("UPDATE orders SET version = ?, customer_id = ?, occurred_at = ?, occurred_date = ?,"
                        + " channel = ?, currency = ?, total = ?, reversed_total = ?, fully_reversed = ?,"
                        + " source_hash = ?, source_key = ?, payload = " + dialect.jsonParameter())
                .bind((ps, i) -> ps.setLong(i, after.version()));
        bindOrderColumns(update, after);
        update.append(" WHERE tenant_id = ?")
                .bind(session.tenantBinder())
                .append(" AND id = ? AND version = ?")
                .bind(session.uuid(id.value()))
                .bind((ps, i) -> ps.setLong(i, before.version()));
        int rows = session.update(update, "updating order " + id);
        JdbcInteractionStore.checkGuardedWrite(
                session, ActivityRows.ORDERS, "order", id, id.value(), rows, before.version());
        LOG.debug("Updated order {} to version {} in tenant {}", id, after.version(), session.tenant());
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
