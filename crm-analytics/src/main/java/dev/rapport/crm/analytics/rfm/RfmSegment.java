package dev.rapport.crm.analytics.rfm;

import java.util.Objects;

/**
 * A named segment: the customers whose scores lie in the given inclusive ranges.
 *
 * @param name the segment's name, not blank
 * @param recencyMin lowest recency score, inclusive
 * @param recencyMax highest recency score, inclusive
 * @param frequencyMin lowest frequency score, inclusive
 * @param frequencyMax highest frequency score, inclusive
 * @param monetaryMin lowest monetary score, inclusive
 * @param monetaryMax highest monetary score, inclusive
 * @since 0.1.0
 */
public record RfmSegment(
        String name,
        int recencyMin,
        int recencyMax,
        int frequencyMin,
        int frequencyMax,
        int monetaryMin,
        int monetaryMax) {
    /** Validates the segment. */
    public RfmSegment {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("segment name must not be blank");
        }
        check(name, "recency", recencyMin, recencyMax);
        check(name, "frequency", frequencyMin, frequencyMax);
        check(name, "monetary", monetaryMin, monetaryMax);
    }

    private static void check(String name, String what, int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException(
                    "segment " + name + ": " + what + " range must satisfy 1 <= min <= max, was " + min + ".." + max);
        }
    }

    /**
     * A segment on recency and frequency only (any monetary score).
     *
     * @param name the name
     * @param recencyMin lowest recency score
     * @param recencyMax highest recency score
     * @param frequencyMin lowest frequency score
     * @param frequencyMax highest frequency score
     * @return the segment
     */
    public static RfmSegment of(String name, int recencyMin, int recencyMax, int frequencyMin, int frequencyMax) {
        return new RfmSegment(name, recencyMin, recencyMax, frequencyMin, frequencyMax, 1, Integer.MAX_VALUE);
    }

    /**
     * Whether the score falls in this segment.
     *
     * @param score a score
     * @return true if all three scores are in range
     */
    public boolean contains(RfmScore score) {
        return score.recency() >= recencyMin
                && score.recency() <= recencyMax
                && score.frequency() >= frequencyMin
                && score.frequency() <= frequencyMax
                && score.monetary() >= monetaryMin
                && score.monetary() <= monetaryMax;
    }
}
