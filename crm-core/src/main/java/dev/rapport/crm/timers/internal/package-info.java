/** How due work runs: the claim-and-fire loop and the scheduler's threads. Not API. */
@NullMarked
package dev.rapport.crm.timers.internal;

import org.jspecify.annotations.NullMarked;
