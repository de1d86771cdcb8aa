package dev.rapport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.importer.ImportSummary;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.TenantId;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The import baselines read the same rows of the Online Retail file as Rapport's import (no
 * timing): on the file's first 20,000 lines, Rapport's summary, COPY's row count and the row-by-row
 * loop's count agree, and COPY of the whole file loads all 541,909 lines. Needs the benchmarks'
 * PostgreSQL (skipped when it cannot be reached) and the shared Online Retail file (fails with the
 * path when it is missing).
 */
class ImportBaselinesAgreeTest {
    static final long PREFIX = 20_000;

    static boolean reachable() {
        try (var c = DriverManager.getConnection(Postgres.URL)) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void baselinesReadTheRowsRapportReads_fromSharedData() throws Exception {
        assumeTrue(reachable(), "PostgreSQL not reachable at " + Postgres.URL);
        assertThat(OnlineRetailFile.path())
                .as("the Online Retail file from shared/data")
                .exists();
        String schema = Postgres.createSchema("agree_import");
        try (HikariDataSource pool = Postgres.pool(schema, 2);
                Crm engine = Crm.builder().storage(JdbcStorage.create(pool)).build()) {
            Crm crm = engine.forTenant(TenantId.of(UUID.randomUUID()));
            crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
            ImportSummary rapport;
            try (Reader in = OnlineRetailFile.open(PREFIX)) {
                rapport = ImportBenchmark.rapport(crm, in);
            }
            long copied;
            PlainImports.Counts plain;
            try (Connection c = pool.getConnection()) {
                PlainImports.reset(c);
                try (Reader in = OnlineRetailFile.open(PREFIX)) {
                    copied = PlainImports.copy(c, in);
                }
                try (Reader in = OnlineRetailFile.open(PREFIX)) {
                    plain = PlainImports.rowByRow(c, in);
                }
                assertThat(count(c, "plain_copy")).isEqualTo(PREFIX);
                assertThat(count(c, "plain_order_lines")).isEqualTo(plain.lines());
                assertThat(count(c, "plain_orders")).isEqualTo(plain.orders());
            }
            assertThat(rapport.rowsRead()).isEqualTo(PREFIX);
            assertThat(copied).isEqualTo(rapport.rowsRead());
            assertThat(plain.rowsRead()).isEqualTo(rapport.rowsRead());
            assertThat(plain.lines() + plain.skipped()).isEqualTo(plain.rowsRead());
            // Rapport refuses at least the rows the plain loop skips (no customer).
            assertThat(rapport.rowsRejected()).isGreaterThanOrEqualTo(plain.skipped());

            try (Connection c = pool.getConnection();
                    Reader in = OnlineRetailFile.open(0)) {
                PlainImports.reset(c);
                assertThat(PlainImports.copy(c, in)).isEqualTo(OnlineRetailFile.ROWS);
            }
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    static long count(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
