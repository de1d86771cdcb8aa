package dev.rapport.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.cases.CaseQuery;
import dev.rapport.crm.cases.NewCase;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.cases.Case;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does a team's first queue page cost the same with 10^6 open cases in the tenant as with 10^4?
 * One case is opened through Rapport as a template; the rest are copied from it in SQL ({@code
 * INSERT ... SELECT generate_series}) with their own ids, due times, priorities and teams (ten
 * teams, a third of the cases without a due time), then analyzed. Measured: {@code
 * crm.cases().list(CaseQuery.open().team(t).limit(50))} on PostgreSQL, beside the plain SQL of
 * the same page. Target: the page at 10^6 at most 1.2x the page at 10^4.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CaseQueueScaleBenchmark {

    /** A seeded tenant. */
    @State(Scope.Benchmark)
    public static class Desk {
        @Param({"10000", "1000000"})
        public int openCases;

        String schema;
        HikariDataSource pool;
        Crm crm;
        TeamId team;
        UUID tenant;

        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            schema = Postgres.createSchema("queue");
            pool = Postgres.pool(schema, 4);
            tenant = UUID.randomUUID();
            crm = Crm.builder().storage(JdbcStorage.create(pool)).build().forTenant(TenantId.of(tenant));
            List<TeamId> teams = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                teams.add(crm.agents().createTeam("team " + i, "least-loaded").id());
            }
            team = teams.get(3);
            var customer = crm.customers().create(NewCustomer.named("template"));
            Case template = crm.cases()
                    .open(NewCase.about(customer.id(), "template").team(team).build());
            String payload = CrmJson.write(template).replace(template.id().toString(), "ID-PLACEHOLDER");
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement copy = c.prepareStatement("INSERT INTO cases (tenant_id, id, version,"
                        + " customer_id, status, priority, priority_rank, team_id, assignee_id, sla_policy_id,"
                        + " next_due_at, queue_due, urgency, created_at, updated_at, payload)"
                        + " SELECT tenant_id, id, 1, customer_id, 'OPEN', 'NORMAL', 1, team_id, NULL, NULL,"
                        + " due, COALESCE(due, '9999-12-31 23:59:59+00'), urgency, created, created,"
                        + " replace(?, 'ID-PLACEHOLDER', id::text)::json"
                        + " FROM (SELECT ?::uuid AS tenant_id, gen_random_uuid() AS id, ?::uuid AS customer_id,"
                        + " (?::uuid[])[1 + (n % 10)] AS team_id,"
                        + " CASE WHEN n % 3 = 0 THEN NULL ELSE now() + (n % 100000) * interval '1 minute' END AS due,"
                        + " (n % 4)::smallint AS urgency, now() - (n * interval '1 second') AS created"
                        + " FROM generate_series(1, ?) AS n) AS seed")) {
                    copy.setString(1, payload);
                    copy.setObject(2, tenant);
                    copy.setObject(3, customer.id().value());
                    copy.setArray(
                            4,
                            c.createArrayOf(
                                    "uuid", teams.stream().map(TeamId::value).toArray()));
                    copy.setInt(5, openCases - 1);
                    copy.executeUpdate();
                }
                c.commit();
                try (Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("ANALYZE cases");
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            crm.close();
            pool.close();
            Postgres.dropSchema(schema);
        }
    }

    @Benchmark
    public List<Case> rapportFirstPage(Desk d) {
        return crm(d).cases().list(CaseQuery.open().team(d.team).limit(50)).items();
    }

    private static Crm crm(Desk d) {
        return d.crm;
    }

    /** The same page by hand: the same index, the same order, the payloads parsed. */
    @Benchmark
    public List<Case> plainSqlFirstPage(Desk d) throws SQLException {
        try (Connection c = d.pool.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT payload FROM cases WHERE tenant_id = ? AND team_id = ?"
                        + " AND status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD')"
                        + " ORDER BY queue_due, urgency, created_at, id LIMIT 51")) {
            s.setObject(1, d.tenant);
            s.setObject(2, d.team.value());
            List<Case> out = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(CrmJson.read(rows.getString(1), Case.class));
                }
            }
            return out;
        }
    }
}
