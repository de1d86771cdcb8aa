package dev.rapport.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The README's demo: Rapport on an embedded H2 database in a file, schema created by Flyway on
 * first use. Starts from an empty database each run, so it can be run again and again.
 */
public final class H2FileDemo {
    private H2FileDemo() {}

    /** @param args the database file path without extension; default {@code target/demo-db/rapport} */
    public static void main(String[] args) throws IOException {
        Path file =
                Path.of(args.length > 0 ? args[0] : "target/demo-db/rapport").toAbsolutePath();
        Files.createDirectories(file.getParent());
        try (Stream<Path> old = Files.list(file.getParent())) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + "."))
                    .toList()) {
                Files.delete(p);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + file);
        config.setMaximumPoolSize(2);
        System.out.println("H2 database: " + file + ".mv.db");

        List<String> seen = new ArrayList<>();
        // A pool keeps the embedded database open between transactions; closing it closes the file.
        try (HikariDataSource dataSource = new HikariDataSource(config);
                Crm crm = Crm.builder()
                        .storage(JdbcStorage.create(dataSource))
                        .defaultPhoneRegion("GB")
                        .listener(event -> seen.add(event.type()))
                        .build()) {
            Tour.run(crm, System.out);
        }
        System.out.println("listeners saw " + seen.size() + " events after their commits: " + seen);
    }
}
