/**
 * The JSON mapping of the model and events.
 */
@NullMarked
package dev.rapport.crm.json;

import org.jspecify.annotations.NullMarked;
