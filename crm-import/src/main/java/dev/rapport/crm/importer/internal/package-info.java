/** Row reading and parsing for the importer; not for users. */
@NullMarked
package dev.rapport.crm.importer.internal;

import org.jspecify.annotations.NullMarked;
