/**
 * Durable timers: work that falls due at an instant (a case's SLA clock, a follow-up reminder, the
 * auto-close of a solved case), stored with the data it belongs to and fired by the engine exactly
 * once, whichever application instance claims it. {@link dev.rapport.crm.model.timer.Timer} is what
 * is stored; {@link dev.rapport.crm.model.timer.ClaimedTimer} is a timer an instance has claimed to
 * fire. Every type is immutable and thread-safe.
 *
 * @since 0.3
 */
@NullMarked
package dev.rapport.crm.model.timer;

import org.jspecify.annotations.NullMarked;
