/**
 * Domain events, each with a stable type name, recorded in the transaction of the change.
 */
@NullMarked
package dev.rapport.crm.model.event;

import org.jspecify.annotations.NullMarked;
