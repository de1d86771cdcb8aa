/**
 * The contract test kit (TCK) of Rapport: the tests every storage adapter must pass, run through
 * the public {@code Crm} facade so that they check the engine and the adapter together.
 *
 * <h2>Running the kit</h2>
 *
 * <p>Add {@code dev.rapport:crm-tck} as a test dependency and write one subclass of {@link
 * dev.rapport.crm.tck.CrmCompatibilityKit}:
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
 * <p>{@code createStorage()} is called before every test, and again for every run and replay of
 * the model-based contract; {@code releaseStorage(storage)} (optional) after each. Every test works
 * in fresh random tenants, so an adapter whose schema is costly to create may return one shared
 * storage (a schema per test class, say) as long as it is usable; the kit never assumes {@code
 * TenantId.DEFAULT} is empty.
 *
 * <h2>Structure</h2>
 *
 * <p>One abstract class per area, each extending {@link dev.rapport.crm.tck.ContractSupport} (the
 * hook, a {@link dev.rapport.crm.tck.MutableClock}, a {@link dev.rapport.crm.tck.RecordingListener}
 * and helpers) and grouping its tests in {@code @Nested} classes with a {@code @DisplayName} per
 * rule: {@link dev.rapport.crm.tck.CustomerCrudContract}, {@link
 * dev.rapport.crm.tck.IdentityContract}, {@link dev.rapport.crm.tck.ConcurrencyContract}, {@link
 * dev.rapport.crm.tck.AttributeDefinitionContract}, {@link
 * dev.rapport.crm.tck.TenantIsolationContract}, {@link dev.rapport.crm.tck.PagingContract}, {@link
 * dev.rapport.crm.tck.CriteriaContract}, {@link dev.rapport.crm.tck.EventLogContract} and {@link
 * dev.rapport.crm.tck.ModelBasedContract}. {@link dev.rapport.crm.tck.CrmCompatibilityKit} nests a
 * subclass of each that forwards the hooks, so one short subclass runs everything; extend a single
 * contract to run one area.
 *
 * <h2>Generated inputs</h2>
 *
 * <p>Criteria and model-based tests draw their inputs from seeded hand-written generators and
 * compare with the kit's own reference ({@code Reference}, {@code CustomerModel}), which contains
 * no adapter code. A failure prints its seed; replay it with {@code -Drapport.tck.seed=<seed>}.
 * Sizes are configurable with system properties named in each contract's javadoc. The kit never
 * sleeps: time is a {@link dev.rapport.crm.tck.MutableClock} moved by the tests, and concurrent
 * tests coordinate with latches and barriers.
 */
@NullMarked
package dev.rapport.crm.tck;

import org.jspecify.annotations.NullMarked;
