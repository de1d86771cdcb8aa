/** JSON reading and the per-platform mappings of the social parsers. Not API: may change in any release. */
@NullMarked
package dev.rapport.crm.social.internal;

import org.jspecify.annotations.NullMarked;
