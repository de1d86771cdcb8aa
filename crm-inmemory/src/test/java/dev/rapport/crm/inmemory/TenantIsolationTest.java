package dev.rapport.crm.inmemory;

import static dev.rapport.crm.inmemory.Fixtures.created;
import static dev.rapport.crm.inmemory.Fixtures.customer;
import static dev.rapport.crm.inmemory.Fixtures.renamed;
import static dev.rapport.crm.inmemory.Fixtures.withAttribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.CustomerPageRequest;
import dev.rapport.crm.spi.StorageSession;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every store method of one tenant is blind to another's data, in read and write sessions. */
class TenantIsolationTest {
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final TenantId a = Fixtures.tenant();
    private final TenantId b = Fixtures.tenant();
    private final Customer ada =
            withAttribute(customer("Ada", Identity.email("ada@example.com")), "tier", new AttributeValue.Text("gold"));
    private final Customer adaV1 = new Customer(
            ada.id(),
            1,
            ada.createdAt(),
            ada.updatedAt(),
            ada.displayName(),
            null,
            null,
            ada.identities(),
            ada.preferences(),
            ada.stage(),
            List.of("vip"),
            ada.attributes());

    @BeforeEach
    void seedTenantA() {
        storage.inTransaction(a, s -> {
            s.customers().insert(adaV1);
            s.attributeDefinitions().put(AttributeDefinition.of("tier", AttributeType.TEXT));
            s.events().append(List.of(created(a, adaV1)));
            return null;
        });
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private void inBothKindsOfSession(TenantId tenant, Consumer<StorageSession> check) {
        storage.read(tenant, s -> {
            check.accept(s);
            return null;
        });
        storage.inTransaction(tenant, s -> {
            check.accept(s);
            return null;
        });
    }

    @Test
    void readsOfAnotherTenant_seeNothing() {
        inBothKindsOfSession(b, s -> {
            assertThat(s.tenant()).isEqualTo(b);
            assertThat(s.customers().get(adaV1.id())).isEmpty();
            assertThat(s.customers().findByIdentity(Identity.email("ada@example.com")))
                    .isEmpty();
            assertThat(s.customers().count(CustomerCriteria.all())).isZero();
            assertThat(s.customers().count(CustomerCriteria.hasTag("vip"))).isZero();
            for (CustomerSort sort : CustomerSort.values()) {
                assertThat(s.customers().list(new CustomerPageRequest(CustomerCriteria.all(), sort, 10, null)))
                        .isEmpty();
            }
            assertThat(s.attributeDefinitions().list()).isEmpty();
            assertThat(s.attributeDefinitions().get("tier")).isEmpty();
            assertThat(s.attributeDefinitions().countCustomersWithValue("tier")).isZero();
            assertThat(s.events().read(0, 10)).isEmpty();
        });
    }

    @Test
    void writesOfAnotherTenant_cannotTouchTheRows_andDoNotConflict() {
        storage.inTransaction(b, s -> {
            assertThatThrownBy(() -> s.customers().update(adaV1, renamed(adaV1, "Hijacked")))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> s.customers().delete(adaV1)).isInstanceOf(NotFoundException.class);
            // Identities are unique per tenant only, and so are ids.
            s.customers().insert(adaV1);
            s.customers().insert(customer("Namesake", Identity.email("namesake@example.com")));
            s.attributeDefinitions().remove("tier");
            s.attributeDefinitions().put(AttributeDefinition.of("tier", AttributeType.INTEGER));
            s.events().append(List.of(created(b, adaV1)));
            return null;
        });

        storage.read(a, s -> {
            assertThat(s.customers().get(adaV1.id())).contains(adaV1);
            assertThat(s.customers().findByIdentity(Identity.email("ada@example.com")))
                    .contains(adaV1);
            assertThat(s.customers().count(CustomerCriteria.all())).isEqualTo(1);
            assertThat(s.attributeDefinitions().get("tier").orElseThrow().type())
                    .isEqualTo(AttributeType.TEXT);
            assertThat(s.events().read(0, 10)).hasSize(1);
            assertThat(s.events().read(0, 10).get(0).event().tenantId()).isEqualTo(a);
            return null;
        });
        storage.read(b, s -> {
            assertThat(s.customers().count(CustomerCriteria.all())).isEqualTo(2);
            // Positions are per tenant: b's first event is at 1.
            assertThat(s.events().read(0, 10)).singleElement().satisfies(e -> {
                assertThat(e.position()).isEqualTo(1);
                assertThat(e.event().tenantId()).isEqualTo(b);
            });
            return null;
        });
    }

    @Test
    void rollbackInOneTenant_leavesTheOtherAlone() {
        assertThatThrownBy(() -> storage.inTransaction(b, s -> {
                    s.customers().insert(customer("B1"));
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        long count = storage.read(a, s -> s.customers().count(CustomerCriteria.all()));
        assertThat(count).isEqualTo(1);
    }
}
