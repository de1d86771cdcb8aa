package dev.rapport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.Page;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-memory baseline does the same work as Rapport: same answers on the same data (no timing). */
class InMemoryBaselineAgreesTest {
    static final int SEED = 500;
    Crm crm;
    BareMapCustomers baseline;

    @BeforeEach
    void seed() {
        InMemoryStorage storage = InMemoryStorage.create();
        storage.inTransaction(TenantId.DEFAULT, s -> {
            for (int g = 1; g <= SEED; g++) {
                s.customers().insert(Data.seedCustomer(g));
            }
            return null;
        });
        crm = Crm.builder().storage(storage).build();
        baseline = new BareMapCustomers();
        for (int g = 1; g <= SEED; g++) {
            baseline.load(Data.seedCustomer(g));
        }
    }

    @Test
    void pages_holdTheSameCustomers() {
        CustomerQuery query =
                CustomerQuery.where(CustomerCriteria.hasTag(Data.TAG)).limit(7);
        List<String> cursors = InMemoryBenchmark.cursors(crm, query);
        BareMapCustomers.Position after = null;
        for (String cursor : cursors) {
            Page<Customer> page = crm.customers().list(query.after(cursor));
            List<Customer> plain = baseline.page(Data.TAG, after, 7);
            assertThat(plain).isEqualTo(page.items());
            if (!plain.isEmpty()) {
                after = BareMapCustomers.positionOf(plain.get(plain.size() - 1));
            }
        }
        assertThat(cursors).hasSize(SEED / 10 / 7 + 1);
    }

    @Test
    void lookups_findTheSameCustomer() {
        assertThat(baseline.get(Data.seedId(42)))
                .contains(crm.customers().get(Data.seedCustomer(42).id()));
        assertThat(baseline.findByEmail("SEED43@example.com"))
                .isEqualTo(crm.customers().findByEmail("SEED43@example.com"));
    }

    @Test
    void create_normalisesAsRapportDoes() {
        Customer rapport = crm.customers()
                .create(NewCustomer.named(" " + Data.newName(1) + " ")
                        .email(Data.newEmail(1))
                        .phone(Data.newPhone(1))
                        .tags(" Web "));
        Customer plain = baseline.create(new PlainRules.NewCustomerForm(
                " " + Data.newName(1) + " ",
                Data.newEmail(1),
                Data.newPhone(1),
                LifecycleStage.LEAD,
                List.of(" Web ")));
        assertThat(plain.displayName()).isEqualTo(rapport.displayName());
        assertThat(plain.identities()).isEqualTo(rapport.identities());
        assertThat(plain.tags()).isEqualTo(rapport.tags());
        assertThat(plain.version()).isEqualTo(rapport.version());
    }

    @Test
    void update_refusesAStaleVersionOnBothSides() {
        Customer renamed = baseline.rename(Data.seedId(5), 1, "Renamed");
        assertThat(renamed.version()).isEqualTo(2);
        assertThatThrownBy(() -> baseline.rename(Data.seedId(5), 1, "Again")).isInstanceOf(IllegalStateException.class);
    }
}
