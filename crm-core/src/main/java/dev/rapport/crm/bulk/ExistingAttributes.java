package dev.rapport.crm.bulk;

/**
 * What an upsert does with the attribute values of a customer it matches.
 *
 * @see BulkService#upsertCustomers(java.util.List, ExistingAttributes)
 * @since 0.3
 */
public enum ExistingAttributes {
    /**
     * Each attribute the command names is written over the customer's value. Right for a file
     * that is the source of truth for its customers, one row each.
     */
    OVERWRITE,
    /**
     * Only attributes the customer has no value for are added; values it holds are kept. Right
     * for files whose rows repeat a customer with the values of their own time (an order file's
     * country per invoice): the first value the store saw stays, so rows that disagree do not
     * flip it back and forth, and re-running the file changes nothing.
     */
    KEEP
}
