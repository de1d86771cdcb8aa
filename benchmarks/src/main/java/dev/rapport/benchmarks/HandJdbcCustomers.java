package dev.rapport.benchmarks;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerUpdated;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The hand-written JDBC baseline on the adapter's own tables (created by its Flyway migration):
 * the statements a careful developer writes, each command one transaction on a pooled connection.
 *
 * <ul>
 *   <li>create: one multi-row INSERT of the identity rows (the primary key refuses a taken
 *       identity), the INSERT of the customer row, one multi-row INSERT of the tag rows, the event
 *       counter bumped with an upsert {@code RETURNING} the position, the INSERT of the event row,
 *       COMMIT;
 *   <li>get: SELECT by primary key; find by email: the identity row joined to the customer row;
 *   <li>update: {@code UPDATE ... SET version = version + 1 ... WHERE version = ? RETURNING} the
 *       row (zero rows is a stale version), counter upsert, event INSERT, COMMIT;
 *   <li>page: {@code EXISTS} on the tag table, the row comparison {@code (created_at, id) > (?, ?)},
 *       {@code ORDER BY created_at, id LIMIT 50}.
 * </ul>
 *
 * <p>Input checks are {@link PlainRules}; rows are read into the same {@link Customer} records
 * (JSON columns parsed by {@link Json}), and the JSON written is the adapter's format.
 */
final class HandJdbcCustomers {
    static final String COLUMNS = "c.id, c.version, c.created_at, c.updated_at, c.display_name, c.given_name,"
            + " c.family_name, c.stage, c.identities, c.preferences, c.tags, c.attributes";
    private static final String INSERT_CUSTOMER = "INSERT INTO customers (tenant_id, id, version, created_at,"
            + " updated_at, display_name, given_name, family_name, sort_name, stage, identities, preferences, tags,"
            + " attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS json), CAST(? AS json), CAST(? AS json),"
            + " CAST(? AS jsonb))";
    private static final String GET = "SELECT " + COLUMNS + " FROM customers c WHERE c.tenant_id = ? AND c.id = ?";
    private static final String BY_IDENTITY = "SELECT " + COLUMNS + " FROM customer_identities i"
            + " JOIN customers c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id"
            + " WHERE i.tenant_id = ? AND i.identity_key = ?";
    private static final String RENAME = "UPDATE customers c SET version = version + 1, updated_at = ?,"
            + " display_name = ?, sort_name = ? WHERE c.tenant_id = ? AND c.id = ? AND c.version = ? RETURNING "
            + COLUMNS;
    private static final String BUMP = "INSERT INTO event_sequence (tenant_id, last_position) VALUES (?, 1)"
            + " ON CONFLICT (tenant_id) DO UPDATE SET last_position = event_sequence.last_position + 1"
            + " RETURNING last_position";
    private static final String INSERT_EVENT = "INSERT INTO event_log (tenant_id, position, event_id, event_type,"
            + " occurred_at, payload) VALUES (?, ?, ?, ?, ?, CAST(? AS json))";
    private static final String PAGE_FIRST = "SELECT " + COLUMNS + " FROM customers c WHERE c.tenant_id = ?"
            + " AND EXISTS (SELECT 1 FROM customer_tags t WHERE t.tenant_id = c.tenant_id AND t.customer_id = c.id"
            + " AND t.tag = ?) ORDER BY c.created_at, c.id LIMIT ?";
    private static final String PAGE_AFTER = "SELECT " + COLUMNS + " FROM customers c WHERE c.tenant_id = ?"
            + " AND EXISTS (SELECT 1 FROM customer_tags t WHERE t.tenant_id = c.tenant_id AND t.customer_id = c.id"
            + " AND t.tag = ?) AND (c.created_at, c.id) > (?, ?) ORDER BY c.created_at, c.id LIMIT ?";

    private final DataSource dataSource;
    private final UUID tenant = TenantId.DEFAULT.value();
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final Clock clock = Clock.systemUTC();

    HandJdbcCustomers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Customer create(PlainRules.NewCustomerForm form) {
        PlainRules.Checked checked = PlainRules.check(form);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Customer customer = new Customer(
                new CustomerId(ids.generate()),
                1,
                now,
                now,
                checked.displayName(),
                null,
                null,
                checked.identities(),
                Preferences.NONE,
                form.stage(),
                checked.tags(),
                Map.of());
        UUID id = customer.id().value();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Identity> identities = customer.identities();
                try (PreparedStatement s = c.prepareStatement(multiRow(
                        "INSERT INTO customer_identities (tenant_id, identity_key, customer_id, kind) VALUES ",
                        "(?, ?, ?, ?)",
                        identities.size()))) {
                    int p = 1;
                    for (Identity identity : identities) {
                        s.setObject(p++, tenant);
                        s.setString(p++, identity.key());
                        s.setObject(p++, id);
                        s.setString(p++, identity.kind().label());
                    }
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(INSERT_CUSTOMER)) {
                    s.setObject(1, tenant);
                    s.setObject(2, id);
                    s.setLong(3, 1);
                    s.setObject(4, utc(now));
                    s.setObject(5, utc(now));
                    s.setString(6, customer.displayName());
                    s.setString(7, customer.givenName());
                    s.setString(8, customer.familyName());
                    s.setString(9, customer.displayName().toLowerCase(Locale.ROOT));
                    s.setString(10, customer.stage().name());
                    s.setString(11, CrmJson.write(customer.identities()));
                    s.setString(12, CrmJson.write(customer.preferences()));
                    s.setString(13, CrmJson.write(customer.tags()));
                    s.setString(14, Json.ATTRIBUTES_WRITER.writeValueAsString(customer.attributes()));
                    s.executeUpdate();
                }
                if (!customer.tags().isEmpty()) {
                    try (PreparedStatement s = c.prepareStatement(multiRow(
                            "INSERT INTO customer_tags (tenant_id, customer_id, tag) VALUES ",
                            "(?, ?, ?)",
                            customer.tags().size()))) {
                        int p = 1;
                        for (String tag : customer.tags()) {
                            s.setObject(p++, tenant);
                            s.setObject(p++, id);
                            s.setString(p++, tag);
                        }
                        s.executeUpdate();
                    }
                }
                appendEvent(
                        c, new CustomerCreated(new EventId(ids.generate()), TenantId.DEFAULT, now, customer.id(), 1));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("create failed: " + e.getSQLState(), e);
        }
        return customer;
    }

    Optional<Customer> get(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(GET)) {
            s.setObject(1, tenant);
            s.setObject(2, id);
            return one(s);
        } catch (SQLException e) {
            throw new IllegalStateException("get failed: " + e.getSQLState(), e);
        }
    }

    Optional<Customer> findByEmail(String address) {
        String key = PlainRules.email(address).key();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(BY_IDENTITY)) {
            s.setObject(1, tenant);
            s.setString(2, key);
            return one(s);
        } catch (SQLException e) {
            throw new IllegalStateException("find failed: " + e.getSQLState(), e);
        }
    }

    Customer rename(UUID id, long expectedVersion, String displayName) {
        String name = PlainRules.name(displayName);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Customer after;
                try (PreparedStatement s = c.prepareStatement(RENAME)) {
                    s.setObject(1, utc(now));
                    s.setString(2, name);
                    s.setString(3, name.toLowerCase(Locale.ROOT));
                    s.setObject(4, tenant);
                    s.setObject(5, id);
                    s.setLong(6, expectedVersion);
                    after = one(s).orElseThrow(() -> new IllegalStateException("stale version or no customer " + id));
                }
                appendEvent(
                        c,
                        new CustomerUpdated(
                                new EventId(ids.generate()),
                                TenantId.DEFAULT,
                                now,
                                after.id(),
                                after.version(),
                                List.of("displayName")));
                c.commit();
                return after;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + e.getSQLState(), e);
        }
    }

    List<Customer> page(String tag, BareMapCustomers.Position after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(after == null ? PAGE_FIRST : PAGE_AFTER)) {
            int p = 1;
            s.setObject(p++, tenant);
            s.setString(p++, tag);
            if (after != null) {
                s.setObject(p++, utc(after.createdAt()));
                s.setObject(p++, after.id());
            }
            s.setInt(p, limit);
            List<Customer> page = new ArrayList<>(limit);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    page.add(read(rows));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("page failed: " + e.getSQLState(), e);
        }
    }

    private void appendEvent(Connection c, CrmEvent event) throws SQLException {
        long position;
        try (PreparedStatement s = c.prepareStatement(BUMP)) {
            s.setObject(1, tenant);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                position = rows.getLong(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement(INSERT_EVENT)) {
            s.setObject(1, tenant);
            s.setLong(2, position);
            s.setObject(3, event.id().value());
            s.setString(4, event.type());
            s.setObject(5, utc(event.occurredAt()));
            s.setString(6, CrmJson.write(event));
            s.executeUpdate();
        }
    }

    private static Optional<Customer> one(PreparedStatement s) throws SQLException {
        try (ResultSet rows = s.executeQuery()) {
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
    }

    static Customer read(ResultSet rows) throws SQLException {
        return Json.customer(
                rows.getObject(1, UUID.class),
                rows.getLong(2),
                rows.getObject(3, OffsetDateTime.class).toInstant(),
                rows.getObject(4, OffsetDateTime.class).toInstant(),
                rows.getString(5),
                rows.getString(6),
                rows.getString(7),
                rows.getString(8),
                rows.getString(9),
                rows.getString(10),
                rows.getString(11),
                rows.getString(12));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String multiRow(String head, String row, int rows) {
        StringBuilder sql = new StringBuilder(head);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }
}
