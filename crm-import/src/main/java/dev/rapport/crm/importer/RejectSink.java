package dev.rapport.crm.importer;

/**
 * Where an import reports refused rows, as it reads: the import never keeps them, so its memory
 * does not grow with the number of rejects. {@link RejectReport} writes them as CSV.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface RejectSink {
    /**
     * @param reject a refused row or cell
     */
    void reject(Reject reject);

    /** @return a sink that drops everything */
    static RejectSink discard() {
        return r -> {};
    }
}
