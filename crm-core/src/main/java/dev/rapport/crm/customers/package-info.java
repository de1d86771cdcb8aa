/**
 * Customers: the commands that create and change them, queries, and custom attribute definitions.
 */
@NullMarked
package dev.rapport.crm.customers;

import org.jspecify.annotations.NullMarked;
