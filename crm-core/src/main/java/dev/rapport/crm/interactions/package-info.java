/**
 * Interactions on every channel: recording them (idempotent by source reference), ingesting
 * inbound messages from unknown or known senders, threads, and parked unmatched messages. Start at
 * {@link dev.rapport.crm.interactions.InteractionService}.
 */
@NullMarked
package dev.rapport.crm.interactions;

import org.jspecify.annotations.NullMarked;
