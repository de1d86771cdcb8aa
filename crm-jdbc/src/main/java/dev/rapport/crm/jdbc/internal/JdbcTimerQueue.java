package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.spi.TimerQueue;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tenant's due timers: claims and releases, each in a short transaction of its own on a
 * connection of the data source (see {@link Dialect#claimTimers} for the SQL).
 */
public final class JdbcTimerQueue implements TimerQueue {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTimerQueue.class);
    private static final String SCOPE = "the timer queue";

    private final Transactions transactions;
    private final Dialect dialect;

    /**
     * @param transactions runs the transactions
     * @param dialect the database's dialect
     */
    public JdbcTimerQueue(Transactions transactions, Dialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    @Override
    public List<ClaimedTimer> claimDue(Instant now, int limit, String owner, Instant leaseUntil) {
        TimerQueue.checkClaim(now, limit, owner, leaseUntil);
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Instant until = leaseUntil.truncatedTo(ChronoUnit.MICROS);
        UUID token = UUID.randomUUID();
        List<Timer> timers = transactions.inTransaction(
                SCOPE, connection -> dialect.claimTimers(connection, at, limit, token, owner, until));
        List<ClaimedTimer> claimed = new ArrayList<>(timers.size());
        for (Timer timer : timers) {
            claimed.add(new ClaimedTimer(timer, token, owner, until));
        }
        claimed.sort(Comparator.comparing((ClaimedTimer c) -> c.timer().dueAt())
                .thenComparing(c -> c.timer().id()));
        if (!claimed.isEmpty()) {
            LOG.debug("{} claimed {} timers until {} (claim {})", owner, claimed.size(), until, token);
        }
        return claimed;
    }

    /** One {@code UPDATE ... WHERE claim_token = ? AND (tenant_id, id) IN (...)} per claim token. */
    @Override
    public int release(List<ClaimedTimer> claims, Instant availableAt) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(availableAt, "availableAt");
        if (claims.isEmpty()) {
            return 0;
        }
        Instant at = availableAt.truncatedTo(ChronoUnit.MICROS);
        Map<UUID, List<Timer>> byToken = new LinkedHashMap<>();
        for (ClaimedTimer claim : claims) {
            byToken.computeIfAbsent(claim.claimToken(), t -> new ArrayList<>()).add(claim.timer());
        }
        return transactions.inTransaction(SCOPE, connection -> {
            int released = 0;
            for (Map.Entry<UUID, List<Timer>> e : byToken.entrySet()) {
                for (List<Timer> chunk : JdbcSession.chunks(e.getValue(), 500)) {
                    StringBuilder sql = new StringBuilder(
                            "UPDATE timers SET claim_token = NULL, claimed_by = NULL,"
                                    + " available_at = ?, attempts = attempts - 1 WHERE claim_token = ? AND (tenant_id, id) IN (");
                    for (int i = 0; i < chunk.size(); i++) {
                        sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
                    }
                    sql.append(")");
                    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                        int i = 1;
                        dialect.setInstant(statement, i++, at);
                        dialect.setUuid(statement, i++, e.getKey());
                        for (Timer timer : chunk) {
                            dialect.setUuid(statement, i++, timer.tenantId().value());
                            dialect.setUuid(statement, i++, timer.id().value());
                        }
                        released += statement.executeUpdate();
                    }
                }
            }
            return released;
        });
    }

    @Override
    public String toString() {
        return "JdbcTimerQueue[" + dialect.name() + "]";
    }
}
