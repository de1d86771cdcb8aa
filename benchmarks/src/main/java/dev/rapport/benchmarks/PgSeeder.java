package dev.rapport.benchmarks;

import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;

/**
 * Seeds customers {@code 1..count} (see {@link Data}) into the {@code customers}, {@code
 * customer_identities} and {@code customer_tags} tables of a schema, with one {@code INSERT ...
 * SELECT generate_series} per table, in exactly the format the JDBC adapter writes: the JSON
 * columns are templates written by the adapter's own mapping ({@link CrmJson}) with the per-row
 * values substituted, and identity keys are {@link Identity#key()}. The Hibernate baseline's tables
 * have the same columns, so it is seeded the same way.
 */
final class PgSeeder {
    private static final String EMAIL = "EMAIL-PLACEHOLDER";
    private static final String PHONE = "PHONE-PLACEHOLDER";

    private PgSeeder() {}

    static void seed(DataSource dataSource, int count) {
        String identities = CrmJson.write(List.of(Identity.email(EMAIL), Identity.phone(PHONE)));
        String preferences = CrmJson.write(Preferences.NONE);
        String tagged = CrmJson.write(List.of(Data.TAG));
        String untagged = CrmJson.write(List.of());
        String attributes = CrmJson.mapper()
                .writerFor(new TypeReference<Map<String, AttributeValue>>() {})
                .writeValueAsString(Map.of());
        String emailKey = Identity.email(EMAIL).key().replace(EMAIL, "");
        String phoneKey = Identity.phone(PHONE).key().replace(PHONE, "");
        String id = "md5('rapport-seed-' || g)::uuid";
        String created = "(TIMESTAMPTZ '" + Data.SEED_EPOCH + "' + g * INTERVAL '1 millisecond')";
        String email = "('seed' || g || '@example.com')";
        String phone = "('+1650' || (2000000 + g))";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO customers (tenant_id, id, version, created_at,"
                    + " updated_at, display_name, given_name, family_name, sort_name, stage, identities, preferences,"
                    + " tags, attributes) SELECT ?, " + id + ", 1, " + created + ", " + created
                    + ", 'Seed Customer ' || g, NULL, NULL, 'seed customer ' || g, 'CUSTOMER',"
                    + " CAST(replace(replace(?, '" + EMAIL + "', " + email + "), '" + PHONE + "', " + phone
                    + ") AS json), CAST(? AS json), CAST(CASE WHEN g % 10 = 0 THEN ? ELSE ? END AS json),"
                    + " CAST(? AS jsonb) FROM generate_series(1, ?) g")) {
                s.setObject(1, TenantId.DEFAULT.value());
                s.setString(2, identities);
                s.setString(3, preferences);
                s.setString(4, tagged);
                s.setString(5, untagged);
                s.setString(6, attributes);
                s.setInt(7, count);
                s.executeUpdate();
            }
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO customer_identities (tenant_id, identity_key, customer_id, kind)"
                            + " SELECT ?, ? || " + email + ", " + id + ", 'email' FROM generate_series(1, ?) g"
                            + " UNION ALL SELECT ?, ? || " + phone + ", " + id + ", 'phone'"
                            + " FROM generate_series(1, ?) g")) {
                s.setObject(1, TenantId.DEFAULT.value());
                s.setString(2, emailKey);
                s.setInt(3, count);
                s.setObject(4, TenantId.DEFAULT.value());
                s.setString(5, phoneKey);
                s.setInt(6, count);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO customer_tags (tenant_id, customer_id, tag)"
                    + " SELECT ?, " + id + ", ? FROM generate_series(1, ?) g WHERE g % 10 = 0")) {
                s.setObject(1, TenantId.DEFAULT.value());
                s.setString(2, Data.TAG);
                s.setInt(3, count);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO event_sequence (tenant_id, last_position) VALUES (?, 0) ON CONFLICT DO NOTHING")) {
                s.setObject(1, TenantId.DEFAULT.value());
                s.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE customers");
                s.execute("VACUUM ANALYZE customer_identities");
                s.execute("VACUUM ANALYZE customer_tags");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding " + count + " customers failed: " + e.getMessage(), e);
        }
    }
}
