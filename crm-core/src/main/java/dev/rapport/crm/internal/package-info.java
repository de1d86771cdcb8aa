/** The engine's machinery. Not API: may change in any release. */
@NullMarked
package dev.rapport.crm.internal;

import org.jspecify.annotations.NullMarked;
