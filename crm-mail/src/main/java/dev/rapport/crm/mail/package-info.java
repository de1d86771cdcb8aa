/**
 * Inbound email: {@link dev.rapport.crm.mail.MailParser} turns a raw RFC 5322 message into a
 * {@link dev.rapport.crm.interactions.InboundMessage} for {@code crm.interactions().ingest(...)}.
 * It parses only: no network, no file system, no storage.
 *
 * @since 0.2
 */
@NullMarked
package dev.rapport.crm.mail;

import org.jspecify.annotations.NullMarked;
