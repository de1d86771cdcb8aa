/**
 * Bulk writes for imports: many customers, interactions, orders or reversals in one transaction,
 * each item answered with its own outcome so that one bad item does not stop the others. Start at
 * {@link dev.rapport.crm.bulk.BulkService}.
 */
@NullMarked
package dev.rapport.crm.bulk;

import org.jspecify.annotations.NullMarked;
