package dev.rapport.crm.model.activity;

/**
 * The part a participant played in an interaction.
 *
 * @since 0.2
 */
public enum ParticipantRole {
    /** The sender or caller. */
    FROM,
    /** A direct recipient. */
    TO,
    /** A copied recipient. */
    CC,
    /** Anyone else taking part (a conference call, a group chat). */
    OTHER
}
