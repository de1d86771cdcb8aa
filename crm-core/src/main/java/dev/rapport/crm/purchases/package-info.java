/**
 * Purchases: orders in a currency with lines, their cancellations and returns, and the facts and
 * totals counted over them. Start at {@link dev.rapport.crm.purchases.PurchaseService}.
 */
@NullMarked
package dev.rapport.crm.purchases;

import org.jspecify.annotations.NullMarked;
