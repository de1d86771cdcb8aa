/**
 * Service cases: a customer's request followed from opening to closing, with its status machine
 * ({@link dev.rapport.crm.model.cases.CaseStatus}), the facts measured as it is worked ({@link
 * dev.rapport.crm.model.cases.CaseFacts}) and the history of every change ({@link
 * dev.rapport.crm.model.cases.CaseChange}). Every type is immutable and thread-safe.
 */
@NullMarked
package dev.rapport.crm.model.cases;

import org.jspecify.annotations.NullMarked;
