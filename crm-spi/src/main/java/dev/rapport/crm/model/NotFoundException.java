package dev.rapport.crm.model;

/**
 * The addressed record does not exist in the current tenant (or was deleted).
 *
 * @since 0.1
 */
public final class NotFoundException extends CrmException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what the kind of record, such as {@code customer}
     * @param id its id
     */
    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
