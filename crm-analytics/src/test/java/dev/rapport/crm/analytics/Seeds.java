package dev.rapport.crm.analytics;

/**
 * Seeds of generated tests: each test has a fixed default, printed when it runs and pinnable for a
 * replay with {@code -Drapport.seed=N} (which then applies to every seeded test of the run).
 * Assertions of seeded tests name the seed in their description, so a failure shows it.
 */
public final class Seeds {
    public static final String PROPERTY = "rapport.seed";

    private Seeds() {}

    /**
     * The seed for one generated test.
     *
     * @param test the test's name, printed with the seed
     * @param defaultSeed the seed used when none is pinned
     * @return {@code -Drapport.seed} when given, otherwise {@code defaultSeed}
     */
    public static long seed(String test, long defaultSeed) {
        String pinned = System.getProperty(PROPERTY);
        long seed = pinned == null || pinned.isBlank() ? defaultSeed : Long.parseLong(pinned.trim());
        System.out.println(test + " seed " + seed + (pinned == null || pinned.isBlank() ? " (default)" : " (pinned)")
                + "; replay with -D" + PROPERTY + "=" + seed);
        return seed;
    }
}
