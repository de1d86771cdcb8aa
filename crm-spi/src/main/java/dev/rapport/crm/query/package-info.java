/**
 * Filters, orders and pages for listing customers.
 */
@NullMarked
package dev.rapport.crm.query;

import org.jspecify.annotations.NullMarked;
