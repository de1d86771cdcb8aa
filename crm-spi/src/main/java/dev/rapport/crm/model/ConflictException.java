package dev.rapport.crm.model;

/**
 * The command is well-formed but clashes with the stored state: a duplicate identity, a type
 * change of an attribute that holds values, an illegal state transition.
 *
 * @since 0.1
 */
public class ConflictException extends CrmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what clashed, with ids but no personal data
     */
    public ConflictException(String message) {
        super(message);
    }
}
