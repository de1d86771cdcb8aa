/**
 * Customer activity: interactions on every channel, orders and their reversals, and the {@link
 * dev.rapport.crm.model.activity.Activity} view that merges them into one timeline. Every type is
 * immutable and thread-safe.
 */
@NullMarked
package dev.rapport.crm.model.activity;

import org.jspecify.annotations.NullMarked;
