/** The customer rules and services. Not API: may change in any release. */
@NullMarked
package dev.rapport.crm.customers.internal;

import org.jspecify.annotations.NullMarked;
