package dev.rapport.benchmarks;

import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Order;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Seeds the activity of one tenant, fast, directly into the adapter's tables (PostgreSQL: {@code
 * COPY ... FROM STDIN (FORMAT csv)}, with the secondary indexes of the migration dropped during the
 * load and rebuilt after it) or through the in-memory storage's SPI in transactions of 100 000.
 * Every row is a record of {@link ActivityData} serialised by {@link CrmJson#write}, with the
 * columns the adapter derives from it (source hash and key, occurred date, totals).
 *
 * <p>The layout ({@link Layout}): {@code interactions} interactions and one order per nine of
 * them, activity {@code k = 1 .. activities} in blocks of ten consecutive ones (the tenth an
 * order); block {@code b} belongs to seeded customer {@code 1 + b % customers}, so every customer's
 * activity is spread evenly over the whole history and interleaved with the others' in the tables,
 * as it is in a real store. Customer 1 is the one the timeline benchmarks read.
 */
final class ActivitySeeder {
    private static final Pattern INDEX =
            Pattern.compile("CREATE (?:UNIQUE )?INDEX (\\w+) ON (interactions|orders) [^;]+;");
    static final String MIGRATION = "db/rapport/postgresql/V2__activity.sql";

    private ActivitySeeder() {}

    /**
     * @param interactions the number of interactions in the tenant
     * @param perCustomer about how many activities each customer has
     */
    record Layout(long interactions, long perCustomer) {
        long activities() {
            return interactions * 10 / 9;
        }

        int customers() {
            return (int) Math.max(1, activities() / perCustomer);
        }

        int customerOf(long k) {
            return (int) (1 + (k / 10) % customers());
        }

        /** @return how many activities customer 1 has */
        long measuredActivities() {
            long n = 0;
            for (long k = 1; k <= activities(); k++) {
                if (customerOf(k) == 1) {
                    n++;
                }
            }
            return n;
        }

        String tag() {
            return interactions + "_" + perCustomer;
        }
    }

    /**
     * Seeds a migrated, empty schema: the customers ({@link PgSeeder}) and the activity.
     *
     * @param pool a pool on the schema
     */
    static void seedPostgres(DataSource pool, Layout layout) {
        PgSeeder.seed(pool, layout.customers());
        List<String[]> indexes = secondaryIndexes();
        try (Connection a = pool.getConnection();
                Connection b = pool.getConnection()) {
            try (Statement s = a.createStatement()) {
                for (String[] index : indexes) {
                    s.execute("DROP INDEX " + index[0]);
                }
            }
            CopyIn interactions = a.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY interactions (tenant_id, id, version, customer_id, channel, direction, occurred_at,"
                            + " thread_id, source_hash, source_key, payload) FROM STDIN (FORMAT csv)");
            CopyIn orders = b.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY orders (tenant_id, id, version, customer_id, occurred_at, occurred_date, channel,"
                            + " currency, total, reversed_total, fully_reversed, source_hash, source_key, payload)"
                            + " FROM STDIN (FORMAT csv)");
            StringBuilder iBuf = new StringBuilder(1 << 20);
            StringBuilder oBuf = new StringBuilder(1 << 18);
            String tenant = TenantId.DEFAULT.value().toString();
            CustomerId[] customers = customerIds(layout.customers());
            for (long k = 1; k <= layout.activities(); k++) {
                CustomerId customer = customers[layout.customerOf(k)];
                if (ActivityData.isOrder(k)) {
                    Order o = ActivityData.seedOrder(k, customer);
                    oBuf.append(tenant)
                            .append(',')
                            .append(o.id().value())
                            .append(",1,")
                            .append(customer.value())
                            .append(',')
                            .append(o.occurredAt())
                            .append(',')
                            .append(LocalDate.ofInstant(o.occurredAt(), ZoneOffset.UTC))
                            .append(',')
                            .append(o.channel().name())
                            .append(',')
                            .append(o.currency().getCurrencyCode())
                            .append(',')
                            .append(o.total().toPlainString())
                            .append(',')
                            .append(o.reversedTotal().toPlainString())
                            .append(',')
                            .append(o.fullyReversed())
                            .append(',')
                            .append(HandJdbcActivity.sha256(o.source().key()))
                            .append(',');
                    quote(oBuf, o.source().key()).append(',');
                    quote(oBuf, CrmJson.write(o)).append('\n');
                    if (oBuf.length() > 1 << 18) {
                        flush(orders, oBuf);
                    }
                } else {
                    Interaction i = ActivityData.seedInteraction(k, customer);
                    iBuf.append(tenant)
                            .append(',')
                            .append(i.id().value())
                            .append(",1,")
                            .append(customer.value())
                            .append(',')
                            .append(i.channel().name())
                            .append(',')
                            .append(i.direction().name())
                            .append(',')
                            .append(i.occurredAt())
                            .append(',');
                    if (i.threadId() != null) {
                        quote(iBuf, i.threadId());
                    }
                    iBuf.append(',')
                            .append(HandJdbcActivity.sha256(i.source().key()))
                            .append(',');
                    quote(iBuf, i.source().key()).append(',');
                    quote(iBuf, CrmJson.write(i)).append('\n');
                    if (iBuf.length() > 1 << 20) {
                        flush(interactions, iBuf);
                    }
                }
            }
            flush(interactions, iBuf);
            flush(orders, oBuf);
            interactions.endCopy();
            orders.endCopy();
            try (Statement s = a.createStatement()) {
                s.execute("SET maintenance_work_mem = '512MB'");
                for (String[] index : indexes) {
                    s.execute(index[1]);
                }
                s.execute("VACUUM ANALYZE interactions");
                s.execute("VACUUM ANALYZE orders");
                s.execute("VACUUM ANALYZE order_reversals");
                s.execute("CREATE TABLE rb_seeded (layout text NOT NULL)");
                s.execute("INSERT INTO rb_seeded VALUES ('" + layout.tag() + "')");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding " + layout + " failed: " + e.getMessage(), e);
        }
    }

    /** @return true if the schema holds a complete seed of the layout (a kept schema, reused) */
    static boolean seeded(DataSource pool, Layout layout) {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT to_regclass('rb_seeded') IS NOT NULL")) {
            r.next();
            if (!r.getBoolean(1)) {
                return false;
            }
            try (ResultSet l = s.executeQuery("SELECT layout FROM rb_seeded")) {
                return l.next() && l.getString(1).equals(layout.tag());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seeds the activity through the SPI; customers are not stored (the timeline never reads them). */
    static void seedInMemory(InMemoryStorage storage, Layout layout) {
        CustomerId[] customers = customerIds(layout.customers());
        long chunk = 100_000;
        for (long start = 1; start <= layout.activities(); start += chunk) {
            long from = start;
            long to = Math.min(layout.activities(), start + chunk - 1);
            storage.inTransaction(TenantId.DEFAULT, s -> {
                for (long k = from; k <= to; k++) {
                    CustomerId customer = customers[layout.customerOf(k)];
                    if (ActivityData.isOrder(k)) {
                        s.orders().insertIfAbsent(ActivityData.seedOrder(k, customer));
                    } else {
                        s.interactions().insertIfAbsent(ActivityData.seedInteraction(k, customer));
                    }
                }
                return null;
            });
        }
    }

    static CustomerId[] customerIds(int count) {
        CustomerId[] ids = new CustomerId[count + 1];
        for (int g = 1; g <= count; g++) {
            ids[g] = new CustomerId(Data.seedId(g));
        }
        return ids;
    }

    /** The migration's secondary indexes on interactions and orders: name and statement. */
    static List<String[]> secondaryIndexes() {
        try (InputStream in = JdbcStorage.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            String sql = new String(Objects.requireNonNull(in, MIGRATION).readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> out = new ArrayList<>();
            Matcher m = INDEX.matcher(sql);
            while (m.find()) {
                out.add(new String[] {m.group(1), m.group()});
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if (c == '"') {
                out.append('"');
            }
        }
        return out.append('"');
    }

    private static void flush(CopyIn copy, StringBuilder buf) throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }
}
