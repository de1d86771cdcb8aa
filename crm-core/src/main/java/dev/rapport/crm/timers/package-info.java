/**
 * Due work: durable timers that the engine fires exactly once, however many application instances
 * share the store. {@link dev.rapport.crm.Crm#runDueWork()} fires what is due now, for
 * applications that drive it themselves; {@link dev.rapport.crm.timers.DueWorkScheduler} does it on
 * a few daemon threads. Timers are scheduled by the engine's own features (a case's SLA clock, its
 * reminders, its auto-close) in the same transaction as the command that needs them; a {@link
 * dev.rapport.crm.timers.TimerHandler} registered per kind fires them.
 *
 * @since 0.3
 */
@NullMarked
package dev.rapport.crm.timers;

import org.jspecify.annotations.NullMarked;
