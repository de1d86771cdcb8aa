package dev.rapport.crm.model;

/**
 * A way a business and a customer reach each other.
 *
 * @since 0.1
 */
public enum Channel {
    /** Email. */
    EMAIL,
    /** Voice calls. */
    PHONE,
    /** Text messages. */
    SMS,
    /** Live chat on the business's own site or app. */
    CHAT,
    /** Messaging apps (WhatsApp, Messenger, ...). */
    MESSAGING,
    /** Public social media. */
    SOCIAL,
    /** Web and self-service portals. */
    WEB,
    /** Face to face, in a shop or branch. */
    IN_PERSON,
    /** Anything else. */
    OTHER
}
