package dev.rapport.crm.model.event;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.CustomerId;

/**
 * An event about one service case.
 *
 * @since 0.3
 */
public sealed interface CaseEvent extends CrmEvent
        permits CaseOpened,
                CaseChanged,
                CaseStatusChanged,
                CaseMerged,
                CaseSlaAtRisk,
                CaseReminderDue,
                CaseSlaBreached {
    /** @return the case */
    CaseId caseId();

    /** @return the case's customer */
    CustomerId customerId();

    /** @return the case's version after the change */
    long version();
}
