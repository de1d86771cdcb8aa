/**
 * The front door: {@link dev.rapport.crm.Crm} and its builder, event listeners and tenant
 * settings.
 */
@NullMarked
package dev.rapport.crm;

import org.jspecify.annotations.NullMarked;
