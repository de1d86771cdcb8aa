package dev.rapport.crm.analytics.rfm;

import java.util.List;
import java.util.Objects;

/**
 * An ordered list of segments: a score belongs to the first segment that contains it, or to the
 * fallback.
 *
 * @param segments the segments, first match wins
 * @param fallback the name for scores no segment contains
 * @since 0.1.0
 */
public record RfmSegments(List<RfmSegment> segments, String fallback) {
    /** Validates and copies the list. */
    public RfmSegments {
        segments = List.copyOf(segments);
        Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * A common scheme for 5 bins on recency and frequency: Champions (R 4-5, F 4-5), Loyal (R 3-5,
     * F 3-5), New (R 5, F 1), Potential loyalists (R 4-5, F 1-3), At risk (R 1-2, F 3-5), Need
     * attention (R 3, F 1-2), Hibernating (R 1-2, F 1-2); otherwise Other.
     *
     * @return the default segments
     */
    public static RfmSegments defaults() {
        return new RfmSegments(
                List.of(
                        RfmSegment.of("Champions", 4, 5, 4, 5),
                        RfmSegment.of("Loyal", 3, 5, 3, 5),
                        RfmSegment.of("New", 5, 5, 1, 1),
                        RfmSegment.of("Potential loyalists", 4, 5, 1, 3),
                        RfmSegment.of("At risk", 1, 2, 3, 5),
                        RfmSegment.of("Need attention", 3, 3, 1, 2),
                        RfmSegment.of("Hibernating", 1, 2, 1, 2)),
                "Other");
    }

    /**
     * The segment of a score.
     *
     * @param score a score
     * @return the first matching segment's name, or the fallback
     */
    public String segmentOf(RfmScore score) {
        for (RfmSegment s : segments) {
            if (s.contains(score)) {
                return s.name();
            }
        }
        return fallback;
    }
}
