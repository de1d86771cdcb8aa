package dev.rapport.crm.model;

/**
 * The kinds of identity by which a customer is recognised on a channel.
 *
 * @since 0.1
 */
public enum IdentityKind {
    /** An email address; matched case-insensitively, stored as given. */
    EMAIL("email"),
    /** A phone number in E.164 form. */
    PHONE("phone"),
    /** A handle on a social platform; the scope is the platform. */
    SOCIAL("social"),
    /** An id in another system; the scope is that system's name. */
    EXTERNAL("external");

    private final String label;

    IdentityKind(String label) {
        this.label = label;
    }

    /** @return the lower-case name used in messages and JSON */
    public String label() {
        return label;
    }
}
