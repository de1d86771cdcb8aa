package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.events.EventCursor;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityKind;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.event.CustomerEvent;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.StoredEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tenant isolation as a matrix: every operation of the facade, run in the tenant that owns a
 * customer and in another tenant that holds a twin with the same identities. The owner sees and
 * changes its customer; the other tenant gets {@code NotFoundException}, empty results or its own
 * twin, and the owner's customer, definitions and event log stay exactly as they were.
 *
 * @since 0.1
 */
public abstract class TenantIsolationContract extends ContractSupport {

    /** The two tenants and their customers. */
    record World(Crm own, Crm other, Customer mine, Customer twin) {}

    /** An operation of the facade with what it must do in the owning and in another tenant. */
    enum Operation {
        GET(
                w -> assertThat(w.own.customers().get(w.mine.id())).isEqualTo(w.mine),
                w -> thrown(NotFoundException.class, () -> w.other.customers().get(w.mine.id()))),
        FIND(
                w -> assertThat(w.own.customers().find(w.mine.id())).contains(w.mine),
                w -> assertThat(w.other.customers().find(w.mine.id())).isEmpty()),
        FIND_BY_EMAIL(w -> findOwn(w, IdentityKind.EMAIL), w -> findOther(w, IdentityKind.EMAIL)),
        FIND_BY_PHONE(w -> findOwn(w, IdentityKind.PHONE), w -> findOther(w, IdentityKind.PHONE)),
        FIND_BY_SOCIAL(w -> findOwn(w, IdentityKind.SOCIAL), w -> findOther(w, IdentityKind.SOCIAL)),
        FIND_BY_EXTERNAL(w -> findOwn(w, IdentityKind.EXTERNAL), w -> findOther(w, IdentityKind.EXTERNAL)),
        UPDATE(
                w -> assertThat(w.own.customers()
                                .update(
                                        w.mine.id(),
                                        1,
                                        CustomerPatch.builder()
                                                .displayName("Changed")
                                                .build())
                                .displayName())
                        .isEqualTo("Changed"),
                w -> thrown(NotFoundException.class, () -> w.other
                        .customers()
                        .update(
                                w.mine.id(),
                                1,
                                CustomerPatch.builder().displayName("Changed").build()))),
        ADD_IDENTITY(
                w -> assertThat(w.own.customers()
                                .addIdentity(w.mine.id(), Identity.email("new@example.com"))
                                .identities())
                        .contains(Identity.email("new@example.com")),
                w -> thrown(
                        NotFoundException.class,
                        () -> w.other.customers().addIdentity(w.mine.id(), Identity.email("new@example.com")))),
        REMOVE_IDENTITY(
                w -> assertThat(w.own.customers()
                                .removeIdentity(w.mine.id(), IdentityContract.sample(IdentityKind.EMAIL))
                                .identities(IdentityKind.EMAIL))
                        .isEmpty(),
                w -> thrown(NotFoundException.class, () -> w.other
                        .customers()
                        .removeIdentity(w.mine.id(), IdentityContract.sample(IdentityKind.EMAIL)))),
        SET_ATTRIBUTES(
                w -> assertThat(w.own.customers()
                                .setAttributes(w.mine.id(), Map.of("level", 2))
                                .attributes())
                        .containsKey("level"),
                w -> thrown(
                        NotFoundException.class,
                        () -> w.other.customers().setAttributes(w.mine.id(), Map.of("level", 2)))),
        CLEAR_ATTRIBUTES(
                w -> assertThat(w.own.customers()
                                .clearAttributes(w.mine.id(), "level")
                                .attributes())
                        .doesNotContainKey("level"),
                w -> thrown(NotFoundException.class, () -> w.other.customers().clearAttributes(w.mine.id(), "level"))),
        TAG(
                w -> assertThat(w.own.customers().tag(w.mine.id(), "beta").tags())
                        .contains("beta"),
                w -> thrown(NotFoundException.class, () -> w.other.customers().tag(w.mine.id(), "beta"))),
        UNTAG(
                w -> assertThat(w.own.customers().untag(w.mine.id(), "alpha").tags())
                        .doesNotContain("alpha"),
                w -> thrown(NotFoundException.class, () -> w.other.customers().untag(w.mine.id(), "alpha"))),
        CHANGE_STAGE(
                w -> assertThat(w.own.customers()
                                .changeStage(w.mine.id(), LifecycleStage.CHURNED)
                                .stage())
                        .isEqualTo(LifecycleStage.CHURNED),
                w -> thrown(
                        NotFoundException.class,
                        () -> w.other.customers().changeStage(w.mine.id(), LifecycleStage.CHURNED))),
        DELETE(
                w -> {
                    w.own.customers().delete(w.mine.id());
                    assertThat(w.own.customers().find(w.mine.id())).isEmpty();
                },
                w -> thrown(NotFoundException.class, () -> w.other.customers().delete(w.mine.id()))),
        LIST(
                w -> {
                    assertThat(listAll(w.own)).containsExactly(w.mine);
                    assertThat(listAll(
                                    w.own,
                                    CustomerQuery.where(CustomerCriteria.hasTag("alpha"))
                                            .sortedBy(CustomerSort.NAME)))
                            .containsExactly(w.mine);
                },
                w -> {
                    assertThat(listAll(w.other)).containsExactly(w.twin);
                    assertThat(listAll(
                                    w.other,
                                    CustomerQuery.where(CustomerCriteria.hasTag("alpha"))
                                            .sortedBy(CustomerSort.NAME)))
                            .isEmpty();
                    assertThat(listAll(w.other, CustomerQuery.where(CustomerCriteria.namePrefix("mine"))))
                            .isEmpty();
                }),
        COUNT(
                w -> {
                    assertThat(w.own.customers().count(CustomerCriteria.all())).isEqualTo(1);
                    assertThat(w.own.customers()
                                    .count(CustomerCriteria.attribute("level").present()))
                            .isEqualTo(1);
                },
                w -> {
                    assertThat(w.other.customers().count(CustomerCriteria.all()))
                            .isEqualTo(1);
                    assertThat(w.other.customers().count(CustomerCriteria.hasTag("alpha")))
                            .isZero();
                    assertThat(w.other
                                    .customers()
                                    .count(CustomerCriteria.attribute("level").present()))
                            .isZero();
                }),
        ATTRIBUTE_GET(
                w -> assertThat(w.own.attributes().get("secret")).isPresent(),
                w -> assertThat(w.other.attributes().get("secret")).isEmpty()),
        ATTRIBUTE_LIST(
                w -> assertThat(w.own.attributes().list())
                        .extracting(AttributeDefinition::key)
                        .containsExactly("level", "secret"),
                w -> assertThat(w.other.attributes().list())
                        .extracting(AttributeDefinition::key)
                        .containsExactly("level")),
        ATTRIBUTE_DEFINE(
                w -> {
                    w.own.attributes().define(AttributeDefinition.of("extra", AttributeType.BOOLEAN));
                    assertThat(w.own.attributes().get("extra")).isPresent();
                },
                w -> {
                    w.other.attributes().define(AttributeDefinition.of("secret", AttributeType.INTEGER));
                    w.other.attributes().define(AttributeDefinition.of("level", AttributeType.TEXT));
                    assertThat(w.other.attributes().get("level"))
                            .contains(AttributeDefinition.of("level", AttributeType.TEXT));
                }),
        ATTRIBUTE_REMOVE(
                w -> thrown(ConflictException.class, () -> w.own.attributes().remove("level")), w -> {
                    w.other.attributes().remove("level");
                    assertThat(w.other.attributes().get("level")).isEmpty();
                }),
        EVENTS_READ(
                w -> assertThat(eventLog(w.own))
                        .extracting(e -> ((CustomerEvent) e.event()).customerId())
                        .containsOnly(w.mine.id()),
                w -> {
                    List<StoredEvent> theirs = eventLog(w.other);
                    assertThat(theirs)
                            .extracting(e -> ((CustomerEvent) e.event()).customerId())
                            .containsOnly(w.twin.id());
                    assertThat(theirs)
                            .allSatisfy(e -> assertThat(e.event().tenantId()).isEqualTo(w.other.tenant()));
                    assertThat(w.other
                                    .events()
                                    .read(EventCursor.beginning(), 10)
                                    .events())
                            .noneMatch(e ->
                                    ((CustomerEvent) e.event()).customerId().equals(w.mine.id()));
                });

        private final Check own;
        private final Check other;

        Operation(Check own, Check other) {
            this.own = own;
            this.other = other;
        }

        private static void findOwn(World w, IdentityKind kind) {
            assertThat(w.own.customers().findByIdentity(IdentityContract.sameWrittenOtherwise(kind)))
                    .contains(w.mine);
        }

        private static void findOther(World w, IdentityKind kind) {
            assertThat(w.other.customers().findByIdentity(IdentityContract.sameWrittenOtherwise(kind)))
                    .contains(w.twin);
        }
    }

    @FunctionalInterface
    interface Check {
        void run(World w);
    }

    private World world;

    @BeforeEach
    void createTwoTenants() {
        Crm other = crm.forTenant(newTenant());
        crm.attributes().define(AttributeDefinition.of("level", AttributeType.INTEGER));
        crm.attributes().define(AttributeDefinition.of("secret", AttributeType.TEXT));
        other.attributes().define(AttributeDefinition.of("level", AttributeType.INTEGER));
        NewCustomer cmd = NewCustomer.named("Mine");
        for (IdentityKind k : IdentityKind.values()) {
            cmd = cmd.identity(IdentityContract.sample(k));
        }
        Customer mine = crm.customers().create(cmd.tags("alpha").attribute("level", 1));
        Customer twin = other.customers()
                .create(NewCustomer.named("Twin")
                        .identity(IdentityContract.sample(IdentityKind.EMAIL))
                        .identity(IdentityContract.sample(IdentityKind.PHONE))
                        .identity(IdentityContract.sample(IdentityKind.SOCIAL))
                        .identity(IdentityContract.sample(IdentityKind.EXTERNAL)));
        world = new World(crm, other, mine, twin);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    @DisplayName("in the owning tenant, the operation sees and changes the customer")
    void operation_inOwnTenant_seesAndChanges(Operation op) {
        op.own.run(world);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    @DisplayName("in another tenant, the operation finds nothing of the owner's and changes nothing of it")
    void operation_inOtherTenant_seesNothingAndChangesNothing(Operation op) {
        List<AttributeDefinition> ownDefinitions = crm.attributes().list();
        List<StoredEvent> ownLog = eventLog(crm);
        op.other.run(world);
        assertThat(crm.customers().get(world.mine().id())).isEqualTo(world.mine());
        assertThat(listAll(crm)).containsExactly(world.mine());
        assertThat(crm.attributes().list()).isEqualTo(ownDefinitions);
        assertThat(eventLog(crm)).isEqualTo(ownLog);
        assertThat(world.other().customers().find(world.mine().id())).isEmpty();
    }

    @Test
    @DisplayName("the same customer id asked in a third, empty tenant is not found and lists nothing")
    void emptyTenant_seesNothing() {
        Crm empty = crm.forTenant(newTenant());
        assertThat(empty.customers().find(world.mine().id())).isEmpty();
        assertThat(empty.customers().count(CustomerCriteria.all())).isZero();
        assertThat(listAll(empty)).isEmpty();
        assertThat(empty.attributes().list()).isEmpty();
        assertThat(eventLog(empty)).isEmpty();
        for (IdentityKind k : IdentityKind.values()) {
            assertThat(empty.customers().findByIdentity(IdentityContract.sample(k)))
                    .isEmpty();
        }
    }
}
