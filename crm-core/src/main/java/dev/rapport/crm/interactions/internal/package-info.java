/** The interaction commands and queries; not for users. */
@NullMarked
package dev.rapport.crm.interactions.internal;

import org.jspecify.annotations.NullMarked;
