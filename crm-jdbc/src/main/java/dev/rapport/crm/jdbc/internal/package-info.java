/**
 * Implementation of the JDBC adapter: sessions, stores and the transaction loop. Not API; may
 * change in any release.
 */
@NullMarked
package dev.rapport.crm.jdbc.internal;

import org.jspecify.annotations.NullMarked;
