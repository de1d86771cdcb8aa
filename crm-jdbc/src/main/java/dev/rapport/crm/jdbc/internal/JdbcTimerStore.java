package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.spi.TimerStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant's rows of {@code timers}. Every write is one statement on the primary key or the key
 * index, and its row lock holds to the end of the transaction, so a concurrent claim ({@code FOR
 * UPDATE SKIP LOCKED}) passes over it. The claim-guarded writes match {@code id} and {@code
 * claim_token}: zero rows means the claim no longer holds.
 */
final class JdbcTimerStore implements TimerStore {

    private final JdbcSession session;
    private final Dialect dialect;

    JdbcTimerStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
    }

    @Override
    public Optional<Timer> get(String key) {
        Objects.requireNonNull(key, "key");
        Sql sql = session.tenantSql("SELECT " + Dialect.TIMER_COLUMNS + " FROM timers WHERE tenant_id = ?")
                .append(" AND timer_key = ?")
                .bindString(key);
        return session.queryOne(sql, "reading a timer", dialect::readTimer);
    }

    @Override
    public void schedule(Timer timer) {
        scheduleAll(List.of(timer));
    }

    @Override
    public void scheduleAll(List<Timer> timers) {
        session.checkWritable();
        for (Timer timer : timers) {
            check(timer);
            if (timer.attempts() != 0 || timer.isParked()) {
                throw new IllegalArgumentException("timer " + timer.id() + " is scheduled with attempts "
                        + timer.attempts() + (timer.isParked() ? " and parked" : "") + "; a new timer has neither");
            }
        }
        if (timers.size() == 1) {
            upsertOne(timers.get(0));
            return;
        }
        for (List<Timer> chunk : JdbcSession.chunks(timers, JdbcSession.CHUNK)) {
            session.batch(dialect.upsertTimerSql(), chunk, "scheduling " + chunk.size() + " timers", this::bind);
        }
    }

    /**
     * One upsert, retried on a unique violation where the dialect says it races ({@link
     * dev.rapport.crm.jdbc.dialect.Dialect#timerUpsertMayRace()}).
     */
    private void upsertOne(Timer timer) {
        String what = "scheduling timer " + timer.id();
        for (int tries = 1; ; tries++) {
            try (PreparedStatement statement = session.connection().prepareStatement(dialect.upsertTimerSql())) {
                bind(statement, timer);
                statement.executeUpdate();
                return;
            } catch (SQLException e) {
                // Only a dialect whose upsert races is worth a retry (H2): elsewhere a unique
                // violation is a real clash (a timer id reused), and on PostgreSQL it has already
                // aborted the transaction, so a retry would only hide it.
                if (tries >= 3 || !session.isUniqueViolation(e) || !dialect.timerUpsertMayRace()) {
                    throw session.failure(what, e);
                }
            }
        }
    }

    private void bind(PreparedStatement statement, Timer timer) throws SQLException {
        dialect.setUuid(statement, 1, timer.tenantId().value());
        dialect.setUuid(statement, 2, timer.id().value());
        statement.setString(3, timer.key());
        statement.setString(4, timer.kind());
        dialect.setInstant(statement, 5, timer.dueAt());
        statement.setString(6, timer.payload());
        dialect.setInstant(statement, 7, timer.dueAt());
    }

    @Override
    public boolean cancel(String key) {
        Objects.requireNonNull(key, "key");
        session.checkWritable();
        Sql sql = session.tenantSql("DELETE FROM timers WHERE tenant_id = ?")
                .append(" AND timer_key = ?")
                .bindString(key);
        return session.update(sql, "cancelling a timer") > 0;
    }

    @Override
    public boolean complete(ClaimedTimer claim) {
        session.checkWritable();
        check(claim.timer());
        Sql sql = session.tenantSql("DELETE FROM timers WHERE tenant_id = ?");
        return guarded(sql, claim, "completing timer " + claim.timer().id());
    }

    @Override
    public boolean retry(ClaimedTimer claim, Instant retryAt) {
        Objects.requireNonNull(retryAt, "retryAt");
        session.checkWritable();
        check(claim.timer());
        Sql sql = new Sql()
                .append("UPDATE timers SET claim_token = NULL, claimed_by = NULL, available_at = ?")
                .bind(session.instant(retryAt))
                .append(" WHERE ")
                .append(session.tenantSql("tenant_id = ?"));
        return guarded(sql, claim, "retrying timer " + claim.timer().id());
    }

    @Override
    public boolean park(ClaimedTimer claim, Instant parkedAt) {
        Objects.requireNonNull(parkedAt, "parkedAt");
        session.checkWritable();
        check(claim.timer());
        Sql sql = new Sql()
                .append("UPDATE timers SET claim_token = NULL, claimed_by = NULL, available_at = NULL, parked_at = ?")
                .bind(session.instant(parkedAt))
                .append(" WHERE ")
                .append(session.tenantSql("tenant_id = ?"));
        return guarded(sql, claim, "parking timer " + claim.timer().id());
    }

    /** Appends the claim's guard to a statement ending in {@code tenant_id = ?} and runs it. */
    private boolean guarded(Sql sql, ClaimedTimer claim, String what) {
        sql.append(" AND id = ?")
                .bind(session.uuid(claim.timer().id().value()))
                .append(" AND claim_token = ?")
                .bind(session.uuid(claim.claimToken()));
        int rows = session.update(sql, what);
        if (rows > 1) {
            throw new IllegalStateException(what + " matched " + rows + " rows");
        }
        return rows == 1;
    }

    private void check(Timer timer) {
        if (!timer.tenantId().equals(session.tenant())) {
            throw new IllegalArgumentException("timer " + timer.id() + " belongs to tenant " + timer.tenantId()
                    + ", not to this session's tenant " + session.tenant());
        }
    }
}
