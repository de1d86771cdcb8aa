package dev.rapport.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The timer baselines: a queue table as a careful developer writes it on PostgreSQL, without
 * leases. A worker takes due rows with {@code DELETE ... WHERE (tenant_id, id) IN (SELECT ...
 * ORDER BY due_at LIMIT n FOR UPDATE SKIP LOCKED) RETURNING ...}, runs the handler for each and
 * commits: the row lock is the claim, so a dead worker's rows come back when its connection
 * goes. {@code perTimer} takes one row per transaction (a failing handler undoes only its own
 * timer, as in Rapport); {@code batch} takes 100 (one failing handler undoes all 100, and a slow
 * one holds them all).
 */
final class PlainTimers {
    private PlainTimers() {}

    static void createTable(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE plain_timers (tenant_id uuid NOT NULL, id uuid NOT NULL, timer_key text NOT NULL,"
                    + " kind varchar(100) NOT NULL, due_at timestamptz NOT NULL, payload text NOT NULL,"
                    + " PRIMARY KEY (tenant_id, id))");
            s.execute("CREATE UNIQUE INDEX plain_timers_key_idx ON plain_timers (tenant_id, timer_key)");
            s.execute("CREATE INDEX plain_timers_due_idx ON plain_timers (due_at)");
        }
    }

    /** Inserts {@code count} timers due at {@code due}, spread over the tenants, in one transaction. */
    static void insert(DataSource dataSource, List<UUID> tenants, int count, Instant due) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert =
                        c.prepareStatement("INSERT INTO plain_timers (tenant_id, id, timer_key, kind, due_at, payload)"
                                + " VALUES (?, ?, ?, 'bench.tick', ?, '')")) {
            c.setAutoCommit(false);
            OffsetDateTime at = OffsetDateTime.ofInstant(due, ZoneOffset.UTC);
            for (int i = 0; i < count; i++) {
                insert.setObject(1, tenants.get(i % tenants.size()));
                insert.setObject(2, UUID.randomUUID());
                insert.setString(3, "tick:" + UUID.randomUUID());
                insert.setObject(4, at);
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /**
     * Fires due timers on one connection until none is left.
     *
     * @param connection a connection of the worker
     * @param perTransaction how many timers one transaction takes
     * @param handler told of each timer's id, inside its transaction
     * @return how many it fired
     */
    static int fireAll(Connection connection, int perTransaction, Consumer<UUID> handler) throws SQLException {
        connection.setAutoCommit(false);
        int fired = 0;
        try (PreparedStatement take = connection.prepareStatement("DELETE FROM plain_timers WHERE (tenant_id, id) IN"
                + " (SELECT tenant_id, id FROM plain_timers WHERE due_at <= ? ORDER BY due_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED) RETURNING id, kind, payload")) {
            while (true) {
                take.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                take.setInt(2, perTransaction);
                int taken = 0;
                try (ResultSet rows = take.executeQuery()) {
                    while (rows.next()) {
                        handler.accept(rows.getObject(1, UUID.class));
                        taken++;
                    }
                }
                connection.commit();
                if (taken == 0) {
                    return fired;
                }
                fired += taken;
            }
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
