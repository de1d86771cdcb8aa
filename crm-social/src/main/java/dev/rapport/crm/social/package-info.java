/**
 * Parsers for inbound payloads of social platforms, turning them into {@link
 * dev.rapport.crm.interactions.InboundMessage}s for {@link
 * dev.rapport.crm.interactions.InteractionService#ingest}: {@link
 * dev.rapport.crm.social.MessengerWebhookParser} for Facebook Messenger Platform webhooks and
 * {@link dev.rapport.crm.social.RedditParser} for things returned by Reddit's JSON API. Both
 * implement {@link dev.rapport.crm.social.SocialPayloadParser}.
 *
 * <p>The parsers do not fetch, authenticate or verify anything: checking a webhook's {@code
 * X-Hub-Signature-256} against the app secret, and calling Reddit's API, are the application's
 * work. They read untrusted input defensively: a size limit and a nesting limit, and a payload is
 * either mapped completely or refused with one {@link dev.rapport.crm.model.ValidationException}
 * that lists every problem by JSON path.
 *
 * @since 0.2
 */
@NullMarked
package dev.rapport.crm.social;

import org.jspecify.annotations.NullMarked;
