package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.ThreadSummary;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.spi.InteractionStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactions in {@code interactions}: one row per interaction, the record as JSON in {@code
 * payload}, the source key's hash under a unique index per tenant.
 */
final class JdbcInteractionStore implements InteractionStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcInteractionStore.class);

    /** The columns of a row read back: its id (for messages) and the record. */
    static final String COLUMNS = "i.id, i.payload";

    private final JdbcSession session;
    private final Dialect dialect;
    private final ActivityBulk<Interaction> bulk;

    JdbcInteractionStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
        this.bulk = new ActivityBulk<>(
                session,
                RowShape.INTERACTIONS,
                "interaction",
                "t.id, t.payload",
                ActivityRows::interaction,
                new ActivityBulk.Store<>() {
                    @Override
                    public @Nullable Object[] row(Interaction item) {
                        return JdbcInteractionStore.this.row(item);
                    }

                    @Override
                    public long version(Interaction item) {
                        return item.version();
                    }

                    @Override
                    public @Nullable SourceRef source(Interaction item) {
                        return item.source();
                    }

                    @Override
                    public Optional<Interaction> insertIfAbsent(Interaction item) {
                        return JdbcInteractionStore.this.insertIfAbsent(item);
                    }

                    @Override
                    public Map<String, Interaction> findBySources(Collection<SourceRef> sources) {
                        return JdbcInteractionStore.this.findBySources(sources);
                    }
                });
    }

    @Override
    public Optional<Interaction> get(InteractionId id) {
        Objects.requireNonNull(id, "id");
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM interactions i WHERE i.tenant_id = ?")
                .append(" AND i.id = ?")
                .bind(session.uuid(id.value()));
        return session.queryOne(sql, "reading interaction " + id, ActivityRows::interaction);
    }

    @Override
    public Optional<Interaction> findBySource(SourceRef source) {
        Objects.requireNonNull(source, "source");
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM interactions i WHERE i.tenant_id = ?")
                .append(" AND i.source_hash = ? AND i.source_key = ?")
                .bindString(ActivityRows.sourceHash(source))
                .bindString(source.key());
        return session.queryOne(sql, "finding an interaction by source", ActivityRows::interaction);
    }

    @Override
    public Optional<Interaction> insertIfAbsent(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        session.checkWritable();
        checkNew(interaction.version(), ActivityKind.INTERACTION, interaction.id());
        CustomerId customer = interaction.customerId();
        // With a customer, one statement checks it and inserts: the engine reads nothing first.
        Sql insert = customer == null
                ? RowShape.INTERACTIONS.insert(dialect, row(interaction))
                : RowShape.INTERACTIONS.insertIfCustomer(dialect, row(interaction), customer.value());
        Optional<Interaction> holder = session.insertUnlessSourceHeld(
                ActivityKind.INTERACTION,
                interaction.id().value(),
                insert,
                interaction.source(),
                "inserting interaction " + interaction.id(),
                this::findBySource,
                () -> {
                    if (customer != null
                            && session.customers().existing(List.of(customer)).isEmpty()) {
                        throw new NotFoundException("customer", customer);
                    }
                });
        if (holder.isEmpty()) {
            LOG.debug("Inserted interaction {} in tenant {}", interaction.id(), session.tenant());
        } else {
            LOG.debug(
                    "Interaction {} not inserted in tenant {}: interaction {} holds its source key",
                    interaction.id(),
                    session.tenant(),
                    holder.get().id());
        }
        return holder;
    }

    /** True: {@link #insertIfAbsent} inserts with {@code INSERT ... SELECT ... FROM customers}. */
    @Override
    public boolean refusesUnknownCustomers() {
        return true;
    }

    private @Nullable Object[] row(Interaction interaction) {
        return ActivityRows.interactionRow(session.tenant().value(), interaction);
    }

    /** One query per chunk of source keys. */
    @Override
    public Map<String, Interaction> findBySources(Collection<SourceRef> sources) {
        return bulk.findBySources(sources);
    }

    /** {@code COPY} and one {@code INSERT ... SELECT} on PostgreSQL, batches elsewhere: {@link ActivityBulk}. */
    @Override
    public Map<String, Interaction> insertAllIfAbsent(List<Interaction> items) {
        return bulk.insertAllIfAbsent(items);
    }

    @Override
    public void update(Interaction before, Interaction after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        session.checkWritable();
        checkUpdate(
                ActivityKind.INTERACTION,
                before.id(),
                after.id(),
                before.version(),
                after.version(),
                before.source(),
                after.source());
        InteractionId id = after.id();
        Sql update = RowShape.INTERACTIONS.update(dialect, row(after), before.version());
        int rows = session.update(update, "updating interaction " + id);
        checkGuardedWrite(session, ActivityRows.INTERACTIONS, "interaction", id, id.value(), rows, before.version());
        LOG.debug("Updated interaction {} to version {} in tenant {}", id, after.version(), session.tenant());
    }

    @Override
    public List<Interaction> thread(String threadId, int limit, @Nullable TimelineKey after) {
        Objects.requireNonNull(threadId, "threadId");
        checkLimit(limit);
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM interactions i WHERE i.tenant_id = ?")
                .append(" AND i.thread_id = ?")
                .bindString(threadId);
        if (after != null) {
            sql.append(" AND ");
            dialect.appendKeysetAfter(
                    sql, "i.occurred_at", "?", session.instant(after.occurredAt()), "i.id", session.uuid(after.id()));
        }
        sql.append(" ORDER BY i.occurred_at, i.id LIMIT ?").bind((ps, i) -> ps.setInt(i, limit));
        return session.query(sql, "reading a thread", ActivityRows::interaction);
    }

    @Override
    public List<ThreadSummary> threads(CustomerId customer, int limit, @Nullable TimelineKey before) {
        checkLimit(limit);
        // One pass over the customer's threaded interactions: the latest row of each thread, with
        // the thread's count and first time, by window functions (PostgreSQL, MariaDB 10.2+, H2).
        Sql sql = new Sql()
                .append("SELECT i.id, i.payload, i.messages, i.first_at FROM (SELECT t.id, t.payload,"
                        + " t.occurred_at,"
                        + " ROW_NUMBER() OVER (PARTITION BY t.thread_id ORDER BY t.occurred_at DESC, t.id DESC) AS rn,"
                        + " COUNT(*) OVER (PARTITION BY t.thread_id) AS messages,"
                        + " MIN(t.occurred_at) OVER (PARTITION BY t.thread_id) AS first_at"
                        + " FROM interactions t WHERE t.tenant_id = ?")
                .bind(session.tenantBinder())
                .append(" AND t.customer_id = ?")
                .bind(session.uuid(customer.value()))
                .append(" AND t.thread_id IS NOT NULL) i WHERE i.rn = 1");
        if (before != null) {
            sql.append(" AND ");
            dialect.appendKeysetBefore(
                    sql, "i.occurred_at", "?", session.instant(before.occurredAt()), "i.id", session.uuid(before.id()));
        }
        sql.append(" ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?").bind((ps, i) -> ps.setInt(i, limit));
        return session.query(sql, "reading a customer's threads", rows -> {
            Interaction latest = ActivityRows.interaction(rows);
            return new ThreadSummary(
                    java.util.Objects.requireNonNull(latest.threadId()),
                    rows.getLong("messages"),
                    dialect.getInstant(rows, "first_at"),
                    latest);
        });
    }

    @Override
    public List<Interaction> unmatched(int limit, @Nullable TimelineKey before) {
        checkLimit(limit);
        Sql sql = session.tenantSql("SELECT " + COLUMNS + " FROM interactions i WHERE i.tenant_id = ?")
                .append(" AND i.customer_id IS NULL");
        if (before != null) {
            sql.append(" AND ");
            dialect.appendKeysetBefore(
                    sql, "i.occurred_at", "?", session.instant(before.occurredAt()), "i.id", session.uuid(before.id()));
        }
        sql.append(" ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?").bind((ps, i) -> ps.setInt(i, limit));
        return session.query(sql, "reading unmatched interactions", ActivityRows::interaction);
    }

    /** A new record has version 1. */
    static void checkNew(long version, ActivityKind kind, Object id) {
        if (version != 1L) {
            throw new IllegalArgumentException("a new " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " has version 1, " + id + " has " + version);
        }
    }

    /** An update keeps the id, raises the version by one and keeps the source (the idempotency key). */
    static void checkUpdate(
            ActivityKind kind,
            Object beforeId,
            Object afterId,
            long beforeVersion,
            long afterVersion,
            @Nullable SourceRef beforeSource,
            @Nullable SourceRef afterSource) {
        String what = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (!beforeId.equals(afterId)) {
            throw new IllegalArgumentException("cannot update " + what + " " + beforeId + " into " + afterId);
        }
        if (afterVersion != beforeVersion + 1) {
            throw new IllegalArgumentException("the new version of " + what + " " + afterId + " must be "
                    + (beforeVersion + 1) + ", was " + afterVersion);
        }
        if (!Objects.equals(beforeSource, afterSource)) {
            throw new IllegalArgumentException("update cannot change the source of " + what + " " + beforeId);
        }
    }

    static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** Zero rows: stale version or gone; more than one is a bug (the key is the primary key). */
    static void checkGuardedWrite(
            JdbcSession session,
            String table,
            String what,
            Object id,
            java.util.UUID uuid,
            int rows,
            long expectedVersion) {
        if (rows == 1) {
            return;
        }
        if (rows > 1) {
            throw new IllegalStateException(rows + " rows written for " + what + " " + id + "; expected one");
        }
        long exists = session.count(
                session.tenantSql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?")
                        .append(" AND id = ?")
                        .bind(session.uuid(uuid)),
                "checking " + what + " " + id);
        if (exists > 0) {
            throw new ConcurrencyException(what, id, expectedVersion);
        }
        throw new NotFoundException(what, id);
    }
}
