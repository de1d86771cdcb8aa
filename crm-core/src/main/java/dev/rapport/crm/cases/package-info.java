/**
 * Service cases: open, work, solve and close a customer's request, with its history and the facts
 * measured along the way. Start at {@link dev.rapport.crm.cases.CaseService}, reached through
 * {@code crm.cases()}.
 */
@NullMarked
package dev.rapport.crm.cases;

import org.jspecify.annotations.NullMarked;
