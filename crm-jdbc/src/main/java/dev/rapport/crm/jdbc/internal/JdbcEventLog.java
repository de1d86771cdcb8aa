package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.spi.EventLog;
import dev.rapport.crm.spi.StoredEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant's outbox in {@code event_log}, positions from the counter row in {@code
 * event_sequence}.
 *
 * <p>Appended events are serialised at once (so a bad event fails the work) but written only by
 * {@link #flush()}, just before commit: the counter row is bumped then, and stays locked until
 * the commit, so appends of one tenant serialise for the duration of a commit only. Positions are
 * therefore handed out in commit order without gaps, and a rolled-back transaction takes none.
 */
final class JdbcEventLog implements EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventLog.class);

    private final JdbcSession session;
    private final Dialect dialect;
    private final List<Dialect.EventRow> pending = new ArrayList<>();

    JdbcEventLog(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
    }

    @Override
    public void append(List<? extends CrmEvent> events) {
        Objects.requireNonNull(events, "events");
        session.checkWritable();
        List<Dialect.EventRow> batch = new ArrayList<>(events.size());
        for (CrmEvent event : events) {
            Objects.requireNonNull(event, "event");
            if (!event.tenantId().equals(session.tenant())) {
                throw new IllegalArgumentException("event " + event.id() + " belongs to tenant " + event.tenantId()
                        + ", not to this session's tenant " + session.tenant());
            }
            batch.add(new Dialect.EventRow(event.id().value(), event.type(), event.occurredAt(), CrmJson.write(event)));
        }
        pending.addAll(batch);
    }

    /** Reserves positions and inserts the buffered events; called just before commit. */
    void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        List<Dialect.EventRow> events = List.copyOf(pending);
        pending.clear();
        long last = dialect.appendEvents(session.connection(), session.tenant().value(), events);
        long first = last - events.size() + 1;
        LOG.debug("Appended events {}..{} of tenant {}", first, last, session.tenant());
    }

    @Override
    public List<StoredEvent> read(long afterPosition, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        var sql = session.tenantSql("SELECT position, payload FROM event_log WHERE tenant_id = ?")
                .append(" AND position > ? ORDER BY position LIMIT ?")
                .bind((ps, i) -> ps.setLong(i, afterPosition))
                .bind((ps, i) -> ps.setInt(i, limit));
        return session.query(
                sql,
                "reading events",
                rows -> new StoredEvent(rows.getLong(1), CrmJson.read(rows.getString(2), CrmEvent.class)));
    }
}
