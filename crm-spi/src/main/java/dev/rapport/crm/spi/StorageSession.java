package dev.rapport.crm.spi;

import dev.rapport.crm.model.TenantId;

/**
 * The stores of one transaction, all scoped to one tenant. Not thread-safe; valid only inside the
 * callback that received it.
 *
 * @since 0.1
 */
public interface StorageSession {
    /** @return the tenant this session is scoped to */
    TenantId tenant();

    /** @return the customer store */
    CustomerStore customers();

    /** @return the custom attribute definitions */
    AttributeDefinitionStore attributeDefinitions();

    /** @return the event log */
    EventLog events();

    /**
     * @return the interaction store
     * @since 0.2
     */
    InteractionStore interactions();

    /**
     * @return the order store
     * @since 0.2
     */
    OrderStore orders();

    /**
     * @return what spans every kind of activity: the timeline, facts and totals
     * @since 0.2
     */
    ActivityStore activity();

    /**
     * @return the service cases
     * @throws UnsupportedOperationException if the adapter does not store them (adapters written
     *     before 0.3)
     * @since 0.3
     */
    default CaseStore cases() {
        throw new UnsupportedOperationException("this storage adapter does not store cases");
    }

    /**
     * @return the agents and teams who work cases
     * @throws UnsupportedOperationException if the adapter does not store them
     * @since 0.3
     */
    default AgentStore agents() {
        throw new UnsupportedOperationException("this storage adapter does not store agents and teams");
    }

    /**
     * @return the service-level policies
     * @throws UnsupportedOperationException if the adapter does not store them
     * @since 0.3
     */
    default SlaPolicyStore slaPolicies() {
        throw new UnsupportedOperationException("this storage adapter does not store service-level policies");
    }

    /**
     * The tenant's timers. Adapters that store timers return a {@link TimerQueue} from {@link
     * CrmStorage#timerQueue()} and implement this; the default is for adapters written before 0.3.
     *
     * @return the timer store
     * @throws UnsupportedOperationException if the adapter does not store timers
     * @since 0.3
     */
    default TimerStore timers() {
        throw new UnsupportedOperationException("this storage adapter does not store timers");
    }
}
