/** The bulk writes; not for users. */
@NullMarked
package dev.rapport.crm.bulk.internal;

import org.jspecify.annotations.NullMarked;
