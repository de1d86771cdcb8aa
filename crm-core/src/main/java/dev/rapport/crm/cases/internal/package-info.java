/** The case engine. Not API: may change in any release. */
@NullMarked
package dev.rapport.crm.cases.internal;

import org.jspecify.annotations.NullMarked;
