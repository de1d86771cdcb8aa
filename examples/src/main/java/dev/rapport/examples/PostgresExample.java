package dev.rapport.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.TenantId;
import java.util.UUID;

/**
 * Rapport on PostgreSQL through a HikariCP pool. The JDBC URL comes from the first argument, else
 * the {@code RAPPORT_JDBC_URL} environment variable, else a local default; user and password from
 * {@code RAPPORT_JDBC_USER} / {@code RAPPORT_JDBC_PASSWORD}. Each run works in a fresh tenant, so
 * it never clashes with an earlier run's data.
 *
 * <pre>
 * ./mvnw -q -Pdemo -pl examples -am -Ddemo.main=dev.rapport.examples.PostgresExample \
 *     -Dexec.args=jdbc:postgresql://127.0.0.1:5432/test
 * </pre>
 */
public final class PostgresExample {
    private PostgresExample() {}

    /** @param args optional JDBC URL */
    public static void main(String[] args) {
        String url = args.length > 0 && args[0].startsWith("jdbc:")
                ? args[0]
                : System.getenv().getOrDefault("RAPPORT_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getenv().getOrDefault("RAPPORT_JDBC_USER", "postgres"));
        config.setPassword(System.getenv().getOrDefault("RAPPORT_JDBC_PASSWORD", ""));
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config);
                Crm crm = Crm.builder()
                        .storage(JdbcStorage.create(pool))
                        .defaultPhoneRegion("GB")
                        .build()) {
            TenantId tenant = new TenantId(UUID.randomUUID());
            System.out.println("PostgreSQL at " + url + ", tenant " + tenant);
            Tour.run(crm.forTenant(tenant), System.out);
        }
    }
}
