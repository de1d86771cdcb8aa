/**
 * The implementation of {@link dev.rapport.crm.mail.MailParser}: MIME walking, charset and
 * encoded-word decoding, HTML to text. Not API: anything here may change in any release.
 */
@NullMarked
package dev.rapport.crm.mail.internal;

import org.jspecify.annotations.NullMarked;
