package dev.rapport.crm.importer;

/**
 * Told after every batch an import writes, on the importing thread.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface ImportProgress {
    /**
     * @param soFar what the import has done so far
     */
    void update(ImportSummary soFar);
}
