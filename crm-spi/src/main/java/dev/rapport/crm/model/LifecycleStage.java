package dev.rapport.crm.model;

/**
 * Where a customer stands in their relationship with the tenant. Any stage may move to any other.
 *
 * @since 0.1
 */
public enum LifecycleStage {
    /** Known but not yet qualified. */
    LEAD,
    /** Qualified, has not bought yet. */
    PROSPECT,
    /** Has bought. */
    CUSTOMER,
    /** Signs of leaving. */
    AT_RISK,
    /** Gone. */
    CHURNED
}
