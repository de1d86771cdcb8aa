/**
 * Streaming CSV import of customers, interactions and orders, in constant memory whatever the
 * file size: rows are read one at a time (Jackson CSV), written in batches through {@code
 * crm.bulk()}, bad rows reported to a {@link dev.rapport.crm.importer.RejectSink} with their line
 * and column, and the import goes on. Re-running the same file changes nothing: interactions, orders and
 * reversals have source references, an order file only adds customer attributes a customer lacks
 * ({@code ExistingAttributes.KEEP}), and a customer file writes the same values again. Start at {@link dev.rapport.crm.importer.CsvImporter}.
 */
@NullMarked
package dev.rapport.crm.importer;

import org.jspecify.annotations.NullMarked;
