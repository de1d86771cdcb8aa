package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.spi.InteractionStore;
import java.util.List;
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

    JdbcInteractionStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
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
        Sql insert = session.tenantSql("INSERT INTO interactions (tenant_id, id, version, customer_id, channel,"
                        + " direction, occurred_at, thread_id, source_hash, source_key, payload) VALUES (?")
                .append(", ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ")")
                .bind(session.uuid(interaction.id().value()))
                .bind((ps, i) -> ps.setLong(i, interaction.version()));
        bindColumns(insert, interaction);
        Optional<Interaction> holder = session.insertUnlessSourceHeld(
                ActivityRows.INTERACTIONS,
                insert,
                interaction.source(),
                "inserting interaction " + interaction.id(),
                this::findBySource);
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

    /** Binds customer_id .. payload, in the order of the INSERT and UPDATE column lists. */
    private void bindColumns(Sql sql, Interaction interaction) {
        CustomerId customer = interaction.customerId();
        sql.bind(session.nullableUuid(customer == null ? null : customer.value()))
                .bindString(interaction.channel().name())
                .bindString(interaction.direction().name())
                .bind(session.instant(interaction.occurredAt()))
                .bind(JdbcSession.nullableString(interaction.threadId()))
                .bind(JdbcSession.nullableString(ActivityRows.sourceHash(interaction.source())))
                .bind(JdbcSession.nullableString(ActivityRows.sourceKey(interaction.source())))
                .bindString(ActivityRows.json(interaction));
    }

    @Override
    public void update(Interaction before, Interaction after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("cannot update interaction " + before.id() + " into " + after.id());
        }
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("the new version of interaction " + after.id() + " must be "
                    + (before.version() + 1) + ", was " + after.version());
        }
        session.checkWritable();
        InteractionId id = after.id();
        Sql update = new Sql()
                .append("UPDATE interactions SET version = ?, customer_id = ?, channel = ?, direction = ?,"
                        + " occurred_at = ?, thread_id = ?, source_hash = ?, source_key = ?, payload = "
                        + dialect.jsonParameter())
                .bind((ps, i) -> ps.setLong(i, after.version()));
        bindColumns(update, after);
        update.append(" WHERE tenant_id = ?")
                .bind(session.tenantBinder())
                .append(" AND id = ? AND version = ?")
                .bind(session.uuid(id.value()))
                .bind((ps, i) -> ps.setLong(i, before.version()));
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
