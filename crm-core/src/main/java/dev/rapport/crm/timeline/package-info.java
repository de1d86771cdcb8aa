/**
 * A customer's timeline: interactions, orders and reversals merged newest first, filtered and
 * keyset-paged. Start at {@link dev.rapport.crm.timeline.TimelineService}.
 */
@NullMarked
package dev.rapport.crm.timeline;

import org.jspecify.annotations.NullMarked;
