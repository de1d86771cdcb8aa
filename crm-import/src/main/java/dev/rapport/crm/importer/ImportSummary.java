package dev.rapport.crm.importer;

import java.util.Objects;

/**
 * What an import did. A row counts as rejected when it was refused whole or when the record it
 * belongs to was refused; an order of several rows counts once under {@link #orders()}.
 *
 * @param rowsRead data rows read (the header not counted)
 * @param rowsRejected rows refused and reported to the reject sink
 * @param customers customers created or updated (a customer matched again unchanged is not counted)
 * @param orders orders
 * @param reversals cancellations and returns
 * @param interactions interactions
 * @since 0.2
 */
public record ImportSummary(
        long rowsRead, long rowsRejected, Counts customers, Counts orders, Counts reversals, Counts interactions) {

    /** Checks presence. */
    public ImportSummary {
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(reversals, "reversals");
        Objects.requireNonNull(interactions, "interactions");
    }

    /**
     * What happened to the records of one kind.
     *
     * @param created recorded as new
     * @param updated existing ones changed
     * @param duplicates skipped because the same source was recorded before
     * @param rejected refused
     */
    public record Counts(long created, long updated, long duplicates, long rejected) {
        /** No records. */
        public static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(
                    created + other.created,
                    updated + other.updated,
                    duplicates + other.duplicates,
                    rejected + other.rejected);
        }

        @Override
        public String toString() {
            return created + " created, " + updated + " updated, " + duplicates + " duplicate, " + rejected
                    + " rejected";
        }
    }

    /** @return an empty summary */
    public static ImportSummary empty() {
        return new ImportSummary(0, 0, Counts.NONE, Counts.NONE, Counts.NONE, Counts.NONE);
    }

    @Override
    public String toString() {
        return rowsRead + " rows read, " + rowsRejected + " rejected; customers: " + customers + "; orders: " + orders
                + "; reversals: " + reversals + "; interactions: " + interactions;
    }
}
