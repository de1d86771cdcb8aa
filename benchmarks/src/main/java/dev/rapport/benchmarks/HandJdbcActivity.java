package dev.rapport.benchmarks;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.model.event.InteractionRecorded;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import tools.jackson.databind.ObjectReader;

/**
 * The hand-written JDBC baseline for activity, on the adapter's own tables (its Flyway migrations):
 *
 * <ul>
 *   <li>record an interaction: one {@code INSERT ... SELECT ... FROM customers WHERE id = ? ON
 *       CONFLICT DO NOTHING} (the customer must exist; the source hash's unique index makes it
 *       idempotent; zero rows: the holder of the source is read back, or the customer is missing),
 *       the cases holding its thread read ({@code case_threads} joined to {@code cases}, as
 *       Rapport looks for a case to attach a message on a thread to; the benchmark has no cases, so
 *       this finds none and nothing more is done), the event counter bumped and the {@code
 *       interaction.recorded} event inserted in one statement (the adapter's CTE), COMMIT. The
 *       payload is the record's {@link CrmJson}, the source hash the SHA-256 of the source key, as
 *       the adapter writes them;
 *   <li>a timeline page: the UNION ALL of one keyset branch per table ({@code (occurred_at, id) <
 *       (?, ?)}, newest first, {@code LIMIT 51} each, served by the {@code (tenant_id, customer_id,
 *       occurred_at, id)} indexes), ordered and cut to 51 again; 51 rows tell whether a next page
 *       exists; payloads read into the same records with Rapport's mapping.
 * </ul>
 */
final class HandJdbcActivity {
    private static final String RECORD = "INSERT INTO interactions (tenant_id, id, version, customer_id, channel,"
            + " direction, occurred_at, thread_id, source_hash, source_key, payload)"
            + " SELECT ?, ?, 1, c.id, ?, ?, ?, ?, ?, ?, CAST(? AS json) FROM customers c"
            + " WHERE c.tenant_id = ? AND c.id = ? ON CONFLICT DO NOTHING";
    private static final String BY_SOURCE =
            "SELECT payload FROM interactions" + " WHERE tenant_id = ? AND source_hash = ? AND source_key = ?";
    private static final String THREAD_CASES = "SELECT c.id, c.payload FROM case_threads ct JOIN cases c"
            + " ON c.tenant_id = ct.tenant_id AND c.id = ct.case_id WHERE ct.tenant_id = ? AND ct.thread_id = ?"
            + " ORDER BY c.created_at DESC, c.id DESC";
    private static final String EVENT = "WITH seq AS (INSERT INTO event_sequence (tenant_id, last_position)"
            + " VALUES (?, 1) ON CONFLICT (tenant_id) DO UPDATE SET last_position = event_sequence.last_position + 1"
            + " RETURNING last_position) INSERT INTO event_log (tenant_id, position, event_id, event_type,"
            + " occurred_at, payload) SELECT ?, seq.last_position, ?, ?, ?, CAST(? AS json) FROM seq";

    private static final String BRANCH = " a.id, a.occurred_at, a.payload FROM %s a WHERE a.tenant_id = ?"
            + " AND a.customer_id = ?%s ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?";
    private static final String PAGE_FIRST = page("");
    private static final String PAGE_BEFORE = page(" AND (a.occurred_at, a.id) < (?, ?)");

    private static final ObjectReader INTERACTION = CrmJson.mapper().readerFor(Interaction.class);
    private static final ObjectReader ORDER = CrmJson.mapper().readerFor(Order.class);
    private static final ObjectReader REVERSAL = CrmJson.mapper().readerFor(Reversal.class);

    private final DataSource dataSource;
    private final UUID tenant = TenantId.DEFAULT.value();
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final Clock clock = Clock.systemUTC();

    HandJdbcActivity(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A page and the position to continue after, or null if it is the last. */
    record TimelinePage(List<Activity> items, TimelineKey next) {}

    private static String page(String keyset) {
        return "(SELECT 'I' AS kind," + BRANCH.formatted("interactions", keyset) + ") UNION ALL (SELECT 'O' AS kind,"
                + BRANCH.formatted("orders", keyset) + ") UNION ALL (SELECT 'R' AS kind,"
                + BRANCH.formatted("order_reversals", keyset) + ") ORDER BY occurred_at DESC, id DESC LIMIT ?";
    }

    Interaction record(NewInteraction command) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        PlainActivityRules.Checked c = PlainActivityRules.check(command, now);
        Interaction interaction = new Interaction(
                new InteractionId(ids.generate()),
                1,
                command.customer(),
                command.channel(),
                command.direction(),
                c.occurredAt(),
                now,
                c.subject(),
                command.body(),
                command.html(),
                c.author(),
                command.participants(),
                c.threadId(),
                command.duration(),
                c.outcome(),
                command.attachments(),
                Map.of(),
                c.source());
        SourceRef source = c.source();
        String hash = source == null ? null : sha256(source.key());
        try (Connection con = dataSource.getConnection()) {
            con.setAutoCommit(false);
            try {
                int inserted;
                try (PreparedStatement s = con.prepareStatement(RECORD)) {
                    s.setObject(1, tenant);
                    s.setObject(2, interaction.id().value());
                    s.setString(3, interaction.channel().name());
                    s.setString(4, interaction.direction().name());
                    s.setObject(5, utc(interaction.occurredAt()));
                    s.setString(6, interaction.threadId());
                    s.setString(7, hash);
                    s.setString(8, source == null ? null : source.key());
                    s.setString(9, CrmJson.write(interaction));
                    s.setObject(10, tenant);
                    s.setObject(11, command.customer().value());
                    inserted = s.executeUpdate();
                }
                if (inserted == 0) {
                    Optional<Interaction> holder = source == null ? Optional.empty() : bySource(con, hash, source);
                    con.rollback();
                    return holder.orElseThrow(() -> new IllegalStateException("no customer " + command.customer()));
                }
                if (interaction.threadId() != null) {
                    try (PreparedStatement s = con.prepareStatement(THREAD_CASES)) {
                        s.setObject(1, tenant);
                        s.setString(2, interaction.threadId());
                        try (ResultSet rows = s.executeQuery()) {
                            if (rows.next()) {
                                throw new IllegalStateException("the benchmark's tenant has no cases");
                            }
                        }
                    }
                }
                InteractionRecorded event = new InteractionRecorded(
                        new EventId(ids.generate()),
                        TenantId.DEFAULT,
                        now,
                        interaction.id(),
                        interaction.customerId(),
                        interaction.channel(),
                        interaction.direction());
                try (PreparedStatement s = con.prepareStatement(EVENT)) {
                    s.setObject(1, tenant);
                    s.setObject(2, tenant);
                    s.setObject(3, event.id().value());
                    s.setString(4, event.type());
                    s.setObject(5, utc(now));
                    s.setString(6, CrmJson.write(event));
                    s.executeUpdate();
                }
                con.commit();
                return interaction;
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            } finally {
                con.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("record failed: " + e.getSQLState(), e);
        }
    }

    private Optional<Interaction> bySource(Connection con, String hash, SourceRef source) throws SQLException {
        try (PreparedStatement s = con.prepareStatement(BY_SOURCE)) {
            s.setObject(1, tenant);
            s.setString(2, hash);
            s.setString(3, source.key());
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(INTERACTION.readValue(rows.getString(1))) : Optional.empty();
            }
        }
    }

    /**
     * @param customer the customer
     * @param before the position to continue after (older), or null for the newest
     * @param limit the page size
     * @return the page
     */
    TimelinePage timeline(UUID customer, TimelineKey before, int limit) {
        int fetch = limit + 1;
        try (Connection con = dataSource.getConnection();
                PreparedStatement s = con.prepareStatement(before == null ? PAGE_FIRST : PAGE_BEFORE)) {
            int p = 1;
            for (int branch = 0; branch < 3; branch++) {
                s.setObject(p++, tenant);
                s.setObject(p++, customer);
                if (before != null) {
                    s.setObject(p++, utc(before.occurredAt()));
                    s.setObject(p++, before.id());
                }
                s.setInt(p++, fetch);
            }
            s.setInt(p, fetch);
            List<Activity> rows = new ArrayList<>(fetch);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String payload = r.getString(4);
                    rows.add(
                            switch (r.getString(1)) {
                                case "I" -> INTERACTION.<Interaction>readValue(payload);
                                case "O" -> ORDER.<Order>readValue(payload);
                                default -> REVERSAL.<Reversal>readValue(payload);
                            });
                }
            }
            if (rows.size() <= limit) {
                return new TimelinePage(rows, null);
            }
            List<Activity> page = rows.subList(0, limit);
            return new TimelinePage(page, page.get(limit - 1).timelineKey());
        } catch (SQLException e) {
            throw new IllegalStateException("timeline failed: " + e.getSQLState(), e);
        }
    }

    static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
