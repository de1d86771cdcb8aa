/** The purchases implementation; not for users. */
@NullMarked
package dev.rapport.crm.purchases.internal;

import org.jspecify.annotations.NullMarked;
