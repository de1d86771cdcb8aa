package dev.rapport.crm.analytics.rfm;

import java.util.Objects;

/**
 * A customer's RFM scores, each from 1 to the spec's number of bins, higher is better: recent,
 * frequent, valuable.
 *
 * @param customerId the customer's id
 * @param recency score for the time since the last purchase (shorter scores higher)
 * @param frequency score for the number of repeat purchases
 * @param monetary score for the total value of purchases
 * @since 0.1.0
 */
public record RfmScore(String customerId, int recency, int frequency, int monetary) {
    /** Validates the record. */
    public RfmScore {
        Objects.requireNonNull(customerId, "customerId");
        if (recency < 1 || frequency < 1 || monetary < 1) {
            throw new IllegalArgumentException(
                    "RFM scores start at 1, were " + recency + "/" + frequency + "/" + monetary);
        }
    }

    /**
     * The scores as one code, e.g. {@code "545"} (with bins above 9, separated by dashes).
     *
     * @return the code
     */
    public String code() {
        if (recency > 9 || frequency > 9 || monetary > 9) {
            return recency + "-" + frequency + "-" + monetary;
        }
        return "" + recency + frequency + monetary;
    }
}
