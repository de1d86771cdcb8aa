package dev.rapport.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.timeline.TimelineQuery;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts what each benchmarked operation sends to PostgreSQL (not a JMH benchmark): the driver's
 * protocol trace (pgjdbc logs every frontend message at FINEST) is captured while one operation
 * runs, and the statements parsed and the {@code Sync} messages (one per round trip) are printed,
 * for Rapport, the hand-written JDBC baseline and the Hibernate baseline. The connection uses
 * {@code prepareThreshold=0} so that every statement's text appears in its Parse message. Run:
 * {@code java -cp benchmarks.jar dev.rapport.benchmarks.RoundTrips}.
 */
public final class RoundTrips {
    private static final List<String> trace = new ArrayList<>();

    private RoundTrips() {}

    public static void main(String[] args) throws Exception {
        Logger pg = Logger.getLogger("org.postgresql");
        pg.setLevel(Level.FINEST);
        pg.setUseParentHandlers(false);
        pg.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                String m = r.getParameters() == null
                        ? r.getMessage()
                        : MessageFormat.format(r.getMessage(), r.getParameters());
                synchronized (trace) {
                    if (m.startsWith(" FE=> Parse")) {
                        int q = m.indexOf("query=\"");
                        trace.add("  parse: " + m.substring(q + 7, m.indexOf('"', q + 7)));
                    } else if (m.startsWith(" FE=> Sync")) {
                        trace.add("  sync");
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        int seed = 1000;
        String rapportSchema = Postgres.createSchema("trips_rapport");
        String jdbcSchema = Postgres.createSchema("trips_jdbc");
        String ormSchema = Postgres.createSchema("trips_hibernate");
        try (HikariDataSource rapportPool = pool(rapportSchema);
                HikariDataSource jdbcPool = pool(jdbcSchema);
                HikariDataSource ormPool = pool(ormSchema)) {
            Crm crm = Crm.builder().storage(JdbcStorage.create(rapportPool)).build();
            PgSeeder.seed(rapportPool, seed);
            ActivityRecordBenchmark.migrate(jdbcPool); // the customer and activity scripts, as they are
            PgSeeder.seed(jdbcPool, seed);
            HandJdbcCustomers jdbc = new HandJdbcCustomers(jdbcPool);
            HandJdbcActivity jdbcActivity = new HandJdbcActivity(jdbcPool);
            CustomerId ten = new CustomerId(Data.seedId(10));
            OrmCustomers orm = new OrmCustomers(ormPool, ormSchema);
            PgSeeder.seed(ormPool, seed);
            CustomerQuery tagged = CustomerQuery.where(CustomerCriteria.hasTag(Data.TAG));
            String cursor = crm.customers().list(tagged.limit(10)).nextCursor();
            BareMapCustomers.Position position =
                    BareMapCustomers.positionOf(jdbc.page(Data.TAG, null, 10).get(9));
            long[] n = {1};
            for (int round = 0; round < 2; round++) { // the first round warms class loading and caches
                boolean print = round == 1;
                show(print, "rapport create", () -> crm.customers()
                        .create(NewCustomer.named(Data.newName(n[0]))
                                .email(Data.newEmail(n[0]))
                                .phone(Data.newPhone(n[0]++))
                                .tags("web")));
                show(print, "jdbc create", () -> jdbc.create(form(n[0]++)));
                show(print, "hibernate create", () -> orm.create(form(n[0]++)));
                show(print, "rapport get", () -> crm.customers().get(new CustomerId(Data.seedId(7))));
                show(print, "jdbc get", () -> jdbc.get(Data.seedId(7)));
                show(print, "hibernate get", () -> orm.get(Data.seedId(7)));
                show(print, "rapport findByEmail", () -> crm.customers().findByEmail(Data.seedEmail(8)));
                show(print, "jdbc findByEmail", () -> jdbc.findByEmail(Data.seedEmail(8)));
                show(print, "hibernate findByEmail", () -> orm.findByEmail(Data.seedEmail(8)));
                long v = 1 + round;
                show(print, "rapport update", () -> crm.customers()
                        .update(
                                new CustomerId(Data.seedId(9)),
                                v,
                                CustomerPatch.builder()
                                        .displayName("Renamed " + v)
                                        .build()));
                show(print, "jdbc update", () -> jdbc.rename(Data.seedId(9), v, "Renamed " + v));
                show(print, "hibernate update", () -> orm.rename(Data.seedId(9), v, "Renamed " + v));
                show(print, "rapport listPage", () -> crm.customers().list(tagged.after(cursor)));
                show(print, "jdbc listPage", () -> jdbc.page(Data.TAG, position, 50));
                show(print, "hibernate listPage", () -> orm.page(Data.TAG, position, 50));
                show(print, "rapport recordInteraction", () -> crm.interactions()
                        .record(ActivityData.newEmail(ten, 10, n[0]++)));
                show(
                        print,
                        "jdbc recordInteraction",
                        () -> jdbcActivity.record(ActivityData.newEmail(ten, 10, n[0]++)));
                show(print, "rapport timeline", () -> crm.timeline()
                        .list(TimelineQuery.of(ten).limit(50)));
                show(print, "jdbc timeline", () -> jdbcActivity.timeline(ten.value(), null, 50));
            }
            orm.close();
            crm.close();
        } finally {
            Postgres.dropSchema(rapportSchema);
            Postgres.dropSchema(jdbcSchema);
            Postgres.dropSchema(ormSchema);
        }
    }

    private static PlainRules.NewCustomerForm form(long n) {
        return new PlainRules.NewCustomerForm(
                Data.newName(n), Data.newEmail(n), Data.newPhone(n), LifecycleStage.LEAD, List.of("web"));
    }

    private static HikariDataSource pool(String schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Postgres.URL + (Postgres.URL.contains("?") ? "&" : "?") + "prepareThreshold=0");
        config.setSchema(schema);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static void show(boolean print, String what, Runnable operation) {
        synchronized (trace) {
            trace.clear();
        }
        operation.run();
        synchronized (trace) {
            if (print) {
                long syncs = trace.stream().filter(t -> t.equals("  sync")).count();
                System.out.printf(Locale.ROOT, "%s: %d round trips%n", what, syncs);
                trace.stream()
                        .filter(t -> !t.equals("  sync"))
                        .map(t -> t.length() > 150 ? t.substring(0, 150) + "..." : t)
                        .forEach(System.out::println);
            }
        }
    }
}
