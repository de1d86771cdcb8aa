/** The timeline implementation; not for users. */
@NullMarked
package dev.rapport.crm.timeline.internal;

import org.jspecify.annotations.NullMarked;
