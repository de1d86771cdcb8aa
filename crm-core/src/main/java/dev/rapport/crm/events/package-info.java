/** Reading the event log with a cursor. */
@NullMarked
package dev.rapport.crm.events;

import org.jspecify.annotations.NullMarked;
