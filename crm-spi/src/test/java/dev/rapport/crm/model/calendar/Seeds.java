package dev.rapport.crm.model.calendar;

import java.util.SplittableRandom;

/**
 * The seed of the calendar's generated tests: a fixed default, printed once per run; {@code
 * -Dcalendar.seed=N} (or the project-wide {@code -Drapport.seed=N}) replays a run, {@code
 * -Dcalendar.seed=random} draws a new one. Every assertion of a generated test names the seed.
 */
final class Seeds {
    static final String PROPERTY = "calendar.seed";
    static final long SEED = seed();

    private Seeds() {}

    private static long seed() {
        String pinned = System.getProperty(PROPERTY, System.getProperty("rapport.seed"));
        long seed;
        String how;
        if (pinned == null || pinned.isBlank()) {
            seed = 20_260_308L;
            how = "default";
        } else if (pinned.trim().equals("random")) {
            seed = new SplittableRandom().nextLong();
            how = "random";
        } else {
            seed = Long.parseLong(pinned.trim());
            how = "pinned";
        }
        System.out.println("calendar tests: seed " + seed + " (" + how + "); replay with -D" + PROPERTY + "=" + seed);
        return seed;
    }

    /** @return the seed of one generated case, derived from the run's seed */
    static long of(String test, Object window, int index) {
        long h = SEED;
        for (char c : (test + "/" + window).toCharArray()) {
            h = h * 31 + c;
        }
        return new SplittableRandom(h * 1_000_003L + index).nextLong();
    }

    /** @return how to replay, for assertion descriptions */
    static String replay(String test, Object window, int index) {
        return test + " " + window + " #" + index + ", seed " + SEED + " (replay with -D" + PROPERTY + "=" + SEED + ")";
    }
}
