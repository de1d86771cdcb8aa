package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo and the quickstart keep doing what the README says they do. */
class ExamplesTest {

    @Test
    void h2FileDemo_printsEveryStepTheReadmePromises_andCanRunTwice(@TempDir Path dir) throws Exception {
        String db = dir.resolve("rapport").toString();
        String first = capture(() -> H2FileDemo.main(new String[] {db}));
        String second = capture(() -> H2FileDemo.main(new String[] {db}));
        assertThat(Files.exists(dir.resolve("rapport.mv.db"))).isTrue();
        for (String out : new String[] {first, second}) {
            assertThat(out)
                    .contains("created Ada Lovelace (phone stored as +442079460000), Grace Hopper, Alan Turing")
                    .contains("found by email ADA@EXAMPLE.COM: Ada Lovelace")
                    .contains("found by phone +44 20 7946 0000: Ada Lovelace")
                    .contains("refused a second holder of Ada's email")
                    .contains("refused bad input, every field at once: [displayName: must not be blank, identities[0]")
                    .contains("updated Grace Hopper to version 2")
                    .contains("VIP customers by name: [Ada Lovelace, Grace Hopper]")
                    .contains("customers in tier gold or silver: 2")
                    .contains("#1 customer.created")
                    .contains("customer.stage-changed")
                    .contains("listeners saw 6 events after their commits");
        }
    }

    @Test
    void quickstart_runsInMemory() throws Exception {
        String out = capture(() -> Quickstart.main(new String[0]));
        assertThat(out).contains("found by email ADA@EXAMPLE.COM: Ada Lovelace").contains("  event: customer.created");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String capture(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
