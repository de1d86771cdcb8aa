/**
 * Implementation detail of {@link dev.rapport.crm.inmemory.InMemoryStorage}: per-tenant state,
 * write sets, sessions, criteria evaluation. Not an API; may change in any release.
 */
@NullMarked
package dev.rapport.crm.inmemory.internal;

import org.jspecify.annotations.NullMarked;
