package dev.rapport.crm.tck;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Seeds of the generated tests: random unless pinned with {@code -Drapport.tck.seed=<seed>}, and
 * always printed when a run fails.
 */
final class Seeds {
    /** Pins the seed of every generated test. */
    static final String SEED_PROPERTY = "rapport.tck.seed";

    private Seeds() {}

    /**
     * @param defaultCount how many seeds to try when none is pinned
     * @param countProperty a system property that overrides the count
     * @return the pinned seed alone, or that many random seeds
     */
    static long[] seeds(int defaultCount, String countProperty) {
        String pinned = System.getProperty(SEED_PROPERTY);
        if (pinned != null && !pinned.isBlank()) {
            return new long[] {Long.parseLong(pinned.strip())};
        }
        int count = intProperty(countProperty, defaultCount);
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = ThreadLocalRandom.current().nextLong();
        }
        return seeds;
    }

    /**
     * @param name a system property
     * @param fallback its value when unset
     * @return the value
     */
    static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /**
     * Runs a seeded check and names the seed if it fails.
     *
     * @param seed the seed
     * @param body the check, given a random seeded with it
     */
    static void run(long seed, Consumer<SplittableRandom> body) {
        try {
            body.accept(new SplittableRandom(seed));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(describe(seed) + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param seed a seed
     * @return how to replay it
     */
    static String describe(long seed) {
        return "seed " + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")";
    }
}
