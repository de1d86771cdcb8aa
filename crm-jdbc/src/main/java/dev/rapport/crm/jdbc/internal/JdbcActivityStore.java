package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.StorageException;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.CurrencyTotals;
import dev.rapport.crm.model.activity.Money;
import dev.rapport.crm.model.activity.PurchaseFacts;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.spi.ActivityStore;
import dev.rapport.crm.spi.TimelineRequest;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timeline, facts and totals over {@code interactions}, {@code orders} and {@code
 * order_reversals}, all pushed down to the database: the timeline is one UNION ALL of a keyset
 * page per table, merged and cut by the database; facts and totals are GROUP BY aggregates.
 */
final class JdbcActivityStore implements ActivityStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcActivityStore.class);

    private static final List<ActivityKind> KINDS = List.of(ActivityKind.values());

    /** The most timelines read by one statement: a few hundred placeholders, a plan still cheap. */
    static final int TIMELINES_PER_STATEMENT = 100;

    private final JdbcSession session;
    private final Dialect dialect;

    JdbcActivityStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
    }

    /**
     * One statement: for each kind asked for, a branch reading that table's page of the customer
     * newest first from its {@code (tenant_id, customer_id, occurred_at, id)} index, strictly
     * after the position and at most {@code limit} rows; the branches are merged by UNION ALL,
     * ordered and cut to {@code limit} again. With one kind, the branch alone.
     */
    @Override
    public List<Activity> timeline(TimelineRequest request) {
        Objects.requireNonNull(request, "request");
        return session.query(
                timelineSql(request), "reading the timeline of customer " + request.customer(), ActivityRows::activity);
    }

    /**
     * One statement per {@link #TIMELINES_PER_STATEMENT} requests: each request's statement of
     * {@link #timeline}, numbered, as a derived table, the derived tables merged by UNION ALL and
     * ordered by request number, then newest first as each page is.
     */
    @Override
    public List<List<Activity>> timelines(List<TimelineRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        List<List<Activity>> pages = new ArrayList<>(requests.size());
        for (List<TimelineRequest> chunk : JdbcSession.chunks(requests, TIMELINES_PER_STATEMENT)) {
            if (chunk.size() == 1) {
                pages.add(timeline(chunk.get(0)));
                continue;
            }
            Sql sql = new Sql();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append((i == 0 ? "" : " UNION ALL ") + "SELECT " + i + " AS request_no, t.kind, t.id,"
                                + " t.occurred_at, t.payload FROM (")
                        .append(timelineSql(Objects.requireNonNull(chunk.get(i), "request")))
                        .append(") t");
            }
            sql.append(" ORDER BY request_no, occurred_at DESC, id DESC");
            List<List<Activity>> chunkPages = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                chunkPages.add(new ArrayList<>());
            }
            session.query(sql, "reading the timelines of " + chunk.size() + " customers", rows -> {
                chunkPages.get(rows.getInt("request_no")).add(ActivityRows.activity(rows));
                return Boolean.TRUE;
            });
            pages.addAll(chunkPages);
        }
        return pages;
    }

    private Sql timelineSql(TimelineRequest request) {
        List<Sql> branches = new ArrayList<>();
        for (ActivityKind kind : KINDS) {
            if (request.includes(kind)) {
                branches.add(branch(kind, request));
            }
        }
        Sql sql;
        if (branches.size() == 1) {
            sql = branches.get(0);
        } else {
            sql = new Sql();
            String separator = "";
            for (Sql branch : branches) {
                sql.append(separator + "(").append(branch).append(")");
                separator = " UNION ALL ";
            }
            sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?").bind((ps, i) -> ps.setInt(i, request.limit()));
        }
        return sql;
    }

    private Sql branch(ActivityKind kind, TimelineRequest request) {
        Sql sql = new Sql()
                .append("SELECT '" + kind.name() + "' AS kind, a.id AS id, a.occurred_at AS occurred_at,"
                        + " a.payload AS payload FROM " + ActivityRows.table(kind) + " a WHERE a.tenant_id = ?")
                .bind(session.tenantBinder())
                .append(" AND a.customer_id = ?")
                .bind(session.uuid(request.customer().value()));
        if (!request.channels().isEmpty()) {
            sql.append(" AND a.channel IN (");
            String separator = "";
            for (Channel channel : request.channels().stream().sorted().toList()) {
                sql.append(separator).param(channel.name());
                separator = ", ";
            }
            sql.append(")");
        }
        Instant from = request.from();
        if (from != null) {
            sql.append(" AND a.occurred_at >= ?").bind(session.instant(from));
        }
        Instant to = request.to();
        if (to != null) {
            sql.append(" AND a.occurred_at < ?").bind(session.instant(to));
        }
        TimelineKey before = request.before();
        if (before != null) {
            sql.append(" AND ");
            dialect.appendKeysetBefore(
                    sql, "a.occurred_at", "?", session.instant(before.occurredAt()), "a.id", session.uuid(before.id()));
        }
        return sql.append(" ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?")
                .bind((ps, i) -> ps.setInt(i, request.limit()));
    }

    /**
     * Two statements: the customer's orders grouped by currency (net revenue over every order;
     * count, first and last over purchases; the distinct UTC dates of purchases in a scalar
     * subquery), and the latest interaction of each channel (a UNION ALL of one MAX per channel).
     */
    @Override
    public PurchaseFacts facts(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        Sql orders = new Sql()
                .append("SELECT o.currency AS currency, SUM(o.total - o.reversed_total) AS net,"
                        + " SUM(CASE WHEN o.fully_reversed THEN 0 ELSE 1 END) AS purchases,"
                        + " MIN(CASE WHEN o.fully_reversed THEN NULL ELSE o.occurred_at END) AS first_at,"
                        + " MAX(CASE WHEN o.fully_reversed THEN NULL ELSE o.occurred_at END) AS last_at,"
                        + " (SELECT COUNT(DISTINCT p.occurred_date) FROM orders p WHERE p.tenant_id = ?")
                .bind(session.tenantBinder())
                .append(" AND p.customer_id = ?")
                .bind(session.uuid(customer.value()))
                .append(" AND p.fully_reversed = FALSE) AS days FROM orders o WHERE o.tenant_id = ?")
                .bind(session.tenantBinder())
                .append(" AND o.customer_id = ? GROUP BY o.currency")
                .bind(session.uuid(customer.value()));
        Map<Currency, BigDecimal> netRevenue = new HashMap<>();
        long[] counts = new long[2];
        Instant[] range = new Instant[2];
        session.query(orders, "counting the purchases of customer " + customer, rows -> {
            Currency currency = currency(rows);
            netRevenue.put(currency, Money.round(rows.getBigDecimal("net"), currency));
            counts[0] += rows.getLong("purchases");
            counts[1] = rows.getLong("days");
            range[0] = earliest(range[0], ActivityRows.nullableInstant(rows, "first_at", dialect));
            range[1] = latest(range[1], ActivityRows.nullableInstant(rows, "last_at", dialect));
            return null;
        });
        // One MAX per channel: each a single probe of (tenant_id, customer_id, channel, occurred_at).
        Sql interactions = new Sql();
        String separator = "";
        for (Channel channel : Channel.values()) {
            // The channel's name is a fixed literal of the adapter's (an enum constant, [A-Z_]+).
            String name = "'" + channel.name() + "'";
            interactions
                    .append(separator + "SELECT " + name + " AS channel, (SELECT MAX(i.occurred_at) FROM interactions i"
                            + " WHERE i.tenant_id = ?")
                    .bind(session.tenantBinder())
                    .append(" AND i.customer_id = ? AND i.channel = " + name + ") AS last_at")
                    .bind(session.uuid(customer.value()));
            separator = " UNION ALL ";
        }
        Map<Channel, Instant> lastInteraction = new EnumMap<>(Channel.class);
        session.query(interactions, "finding the last interactions of customer " + customer, rows -> {
            Instant last = ActivityRows.nullableInstant(rows, "last_at", dialect);
            if (last != null) {
                lastInteraction.put(channel(rows), last);
            }
            return null;
        });
        return new PurchaseFacts(customer, counts[0], counts[1], range[0], range[1], netRevenue, lastInteraction);
    }

    /** One statement: the tenant's orders grouped by currency. */
    @Override
    public List<CurrencyTotals> totals() {
        Sql sql = session.tenantSql("SELECT o.currency AS currency, SUM(o.total - o.reversed_total) AS net,"
                        + " SUM(CASE WHEN o.fully_reversed THEN 0 ELSE 1 END) AS purchases,"
                        + " COUNT(DISTINCT CASE WHEN o.fully_reversed THEN NULL ELSE o.customer_id END) AS customers"
                        + " FROM orders o WHERE o.tenant_id = ?")
                .append(" GROUP BY o.currency");
        List<CurrencyTotals> totals =
                new ArrayList<>(session.query(sql, "counting the purchases per currency", rows -> {
                    Currency currency = currency(rows);
                    return new CurrencyTotals(
                            currency,
                            Money.round(rows.getBigDecimal("net"), currency),
                            rows.getLong("purchases"),
                            rows.getLong("customers"));
                }));
        // Sorted here: the codes are ASCII upper case, but the database's collation is not ours to assume.
        totals.sort(Comparator.comparing(t -> t.currency().getCurrencyCode()));
        return totals;
    }

    @Override
    public long deleteCustomerActivity(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        session.checkWritable();
        long deleted = 0;
        for (ActivityKind kind : List.of(ActivityKind.REVERSAL, ActivityKind.ORDER, ActivityKind.INTERACTION)) {
            String table = ActivityRows.table(kind);
            deleted += session.update(
                    session.tenantSql("DELETE FROM " + table + " WHERE tenant_id = ?")
                            .append(" AND customer_id = ?")
                            .bind(session.uuid(customer.value())),
                    "deleting the " + table + " of customer " + customer);
        }
        LOG.debug("Deleted {} activity records of customer {} in tenant {}", deleted, customer, session.tenant());
        return deleted;
    }

    private static Currency currency(ResultSet rows) throws SQLException {
        String code = rows.getString("currency").strip();
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new StorageException("stored currency code is not ISO 4217", e);
        }
    }

    private static Channel channel(ResultSet rows) throws SQLException {
        String name = rows.getString("channel").strip();
        try {
            return Channel.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new StorageException("stored channel is unknown", e);
        }
    }

    private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
