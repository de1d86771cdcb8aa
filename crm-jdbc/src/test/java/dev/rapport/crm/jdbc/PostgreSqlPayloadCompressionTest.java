package dev.rapport.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.purchases.NewOrder;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the large tables' payloads are compressed with lz4 when the server offers it
 * ({@code V5__lz4_payloads.sql}), and with the server's default otherwise; either way they read
 * back as written (runs with the {@code databases} profile).
 */
@Tag("database")
class PostgreSqlPayloadCompressionTest {
    @Test
    void aLargeOrdersPayload_isCompressedWithLz4WhereTheServerHasIt_andReadsBack() throws SQLException {
        try (TestDatabase database = TestDatabases.postgresql();
                JdbcStorage storage = JdbcStorage.create(database.dataSource())) {
            Crm crm = Crm.builder().storage(storage).build().forTenant(new TenantId(UUID.randomUUID()));
            Customer c = crm.customers().create(NewCustomer.named("Ada"));
            NewOrder.Builder order = NewOrder.of(c.id(), "GBP").source("shop", "1");
            for (int i = 0; i < 200; i++) {
                order.line("P" + i, "an item described at some length, number " + i, BigDecimal.ONE, BigDecimal.TEN);
            }
            var recorded = crm.purchases().record(order.build());
            assertThat(crm.purchases().get(recorded.id())).isEqualTo(recorded);
            try (Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                boolean lz4;
                int version;
                try (ResultSet rows = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
                    rows.next();
                    version = rows.getInt(1);
                }
                try (ResultSet rows =
                        statement.executeQuery("SELECT current_setting('server_version_num')::int >= 140000"
                                + " AND EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
                                + " AND 'lz4' = ANY (enumvals))")) {
                    rows.next();
                    lz4 = rows.getBoolean(1);
                }
                if (version >= 140000) { // attcompression came with PostgreSQL 14
                    try (PreparedStatement byId = connection.prepareStatement(
                                    "SELECT pg_column_compression(payload) FROM orders WHERE id = ?");
                            ResultSet rows = bind(byId, recorded.id().value()).executeQuery()) {
                        assertThat(rows.next()).isTrue();
                        String method = rows.getString(1);
                        if (lz4) {
                            assertThat(method).isEqualTo("lz4");
                        } else {
                            assertThat(method).isNotEqualTo("lz4");
                        }
                    }
                    try (ResultSet rows = statement.executeQuery("SELECT a.attrelid::regclass::text, a.attcompression"
                            + " FROM pg_attribute a WHERE a.attname = 'payload' AND a.attrelid IN ('orders'::regclass,"
                            + " 'order_reversals'::regclass, 'interactions'::regclass, 'event_log'::regclass,"
                            + " 'cases'::regclass, 'case_history'::regclass)")) {
                        int tables = 0;
                        while (rows.next()) {
                            tables++;
                            assertThat(rows.getString(2)).as(rows.getString(1)).isEqualTo(lz4 ? "l" : "");
                        }
                        assertThat(tables).isEqualTo(6);
                    }
                }
            }
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, UUID id) throws SQLException {
        statement.setObject(1, id);
        return statement;
    }
}
