package dev.rapport.crm.tck;

import dev.rapport.crm.spi.CrmStorage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole contract test kit in one class: extend it, implement {@link #createStorage()}, and
 * JUnit runs every contract against your adapter through the {@code Crm} facade.
 *
 * <pre>{@code
 * class InMemoryTckTest extends CrmCompatibilityKit {
 *     @Override
 *     protected CrmStorage createStorage() {
 *         return InMemoryStorage.create();
 *     }
 * }
 * }</pre>
 *
 * <p>Each area is an abstract contract class of its own ({@link CustomerCrudContract}, {@link
 * IdentityContract}, ...), nested here so that one subclass runs them all; to run a single area,
 * extend that contract directly. Each nested class forwards the hooks to this class; their names end
 * in {@code Tests} so that they do not hide a subclass's own imports. See {@link ContractSupport}
 * for when the hooks are called.
 *
 * @since 0.1
 */
public abstract class CrmCompatibilityKit {

    /**
     * Called before every test (and for every model-based replay).
     *
     * @return a storage in which the tenants the kit creates hold no data
     * @see ContractSupport#createStorage()
     */
    protected abstract CrmStorage createStorage();

    /**
     * Called after every test for each storage {@link #createStorage()} gave; does nothing by
     * default.
     *
     * @param storage a storage the test used
     */
    protected void releaseStorage(CrmStorage storage) {}

    /**
     * The storage a second application instance would use over the same data; see {@link
     * ContractSupport#anotherInstance(CrmStorage)}. Returns the same object by default.
     *
     * @param first a storage from {@link #createStorage()}
     * @return a storage over the same data
     * @since 0.3
     */
    protected CrmStorage anotherInstance(CrmStorage first) {
        return first;
    }

    /** Customers: create, read, update, delete, validation, preferences, tags and stage. */
    @Nested
    @DisplayName("customer CRUD")
    public class CustomerCrudTests extends CustomerCrudContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Identities: matching, uniqueness, add and remove, races. */
    @Nested
    @DisplayName("identities")
    public class IdentityTests extends IdentityContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Optimistic concurrency and atomic visibility. */
    @Nested
    @DisplayName("concurrency")
    public class ConcurrencyTests extends ConcurrencyContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Custom attribute definitions and values. */
    @Nested
    @DisplayName("attribute definitions")
    public class AttributeDefinitionTests extends AttributeDefinitionContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Tenant isolation, operation by operation. */
    @Nested
    @DisplayName("tenant isolation")
    public class TenantIsolationTests extends TenantIsolationContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Keyset paging. */
    @Nested
    @DisplayName("paging")
    public class PagingTests extends PagingContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Criteria semantics against the reference evaluation. */
    @Nested
    @DisplayName("criteria")
    public class CriteriaTests extends CriteriaContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** The event log, listeners and JSON. */
    @Nested
    @DisplayName("event log")
    public class EventLogTests extends EventLogContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Random command sequences against the reference model. */
    @Nested
    @DisplayName("model-based")
    public class ModelBasedTests extends ModelBasedContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Interactions: recording, idempotency, ingestion, threading, parking and linking. */
    @Nested
    @DisplayName("interactions")
    public class InteractionTests extends InteractionContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Orders, cancellations and returns, facts and totals. */
    @Nested
    @DisplayName("purchases")
    public class PurchaseTests extends PurchaseContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** The merged timeline: order, filters, paging, stability. */
    @Nested
    @DisplayName("timeline")
    public class TimelineTests extends TimelineContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Random activity sequences against the reference model. */
    @Nested
    @DisplayName("activity model-based")
    public class ActivityModelTests extends ActivityModelContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Bulk writes: per-item outcomes, chunking, concurrent overlapping batches. */
    @Nested
    @DisplayName("bulk writes")
    public class BulkTests extends BulkContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /**
     * Durable timers: schedule, replace and cancel by key, due order, claims and leases, lost
     * leases, retries and parking, tenant isolation, the scheduler, and exactly-once firing by
     * several instances of which one is killed. Skipped (visibly) if the adapter does not store
     * timers. Uses {@link #anotherInstance(CrmStorage)} for the second instance.
     *
     * @since 0.3
     */
    @Nested
    @DisplayName("timers")
    public class TimerTests extends TimerContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }

        @Override
        protected CrmStorage anotherInstance(CrmStorage first) {
            return CrmCompatibilityKit.this.anotherInstance(first);
        }
    }

    /** Service cases: status machine, facts, attachment by thread, merge, history. */
    @Nested
    @DisplayName("cases")
    public class CaseTests extends CaseContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Agents, teams, routing policies, queues and capacity under concurrency. */
    @Nested
    @DisplayName("routing")
    public class RoutingTests extends RoutingContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Random case sequences against the reference model. */
    @Nested
    @DisplayName("cases model-based")
    public class CaseModelTests extends CaseModelContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /** Service-level policies, clocks in business time, recomputation, queues by due time. */
    @Nested
    @DisplayName("service levels")
    public class SlaTests extends SlaContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }

    /**
     * Random service-level sequences against the reference model: clocks, pauses, reopens, policy
     * changes, due work and its at-risk and breach events. Skipped (visibly) if the adapter does not
     * store timers.
     *
     * @since 0.3
     */
    @Nested
    @DisplayName("service levels model-based")
    public class SlaModelTests extends SlaModelContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmCompatibilityKit.this.createStorage();
        }

        @Override
        protected void releaseStorage(CrmStorage used) {
            CrmCompatibilityKit.this.releaseStorage(used);
        }
    }
}
