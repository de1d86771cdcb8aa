/**
 * What differs between the supported databases: id and timestamp binding, upserts and idempotent
 * inserts, JSON access, code point ordering of text, keyset conditions in either direction (the
 * customer list ascending, the activity timeline descending) and the translation of customer
 * criteria to SQL. An application
 * only picks a {@link dev.rapport.crm.jdbc.dialect.Dialect} when auto-detection does not fit; the
 * other types here are used by the adapter itself.
 */
@NullMarked
package dev.rapport.crm.jdbc.dialect;

import org.jspecify.annotations.NullMarked;
