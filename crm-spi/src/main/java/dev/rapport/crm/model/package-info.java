/**
 * The nouns of Rapport: typed ids, the customer record and its parts, custom attribute types, and
 * the exception hierarchy rooted at {@link dev.rapport.crm.model.CrmException}. Every type is
 * immutable and thread-safe.
 */
@NullMarked
package dev.rapport.crm.model;

import org.jspecify.annotations.NullMarked;
