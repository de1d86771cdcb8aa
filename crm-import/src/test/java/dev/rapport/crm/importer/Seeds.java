package dev.rapport.crm.importer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Seeds of the generated-file tests: two new ones every run and a fixed one, or only the one
 * pinned with {@code -Drapport.seed=N} to replay a failure (the test names show the seed).
 */
final class Seeds {
    private Seeds() {}

    /** @param fixed the seed every run also tries */
    static long[] with(long fixed) {
        String pinned = System.getProperty("rapport.seed");
        if (pinned != null) {
            return new long[] {Long.parseLong(pinned)};
        }
        return new long[] {
            ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong(), fixed
        };
    }
}
