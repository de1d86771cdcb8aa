package dev.rapport.crm.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.CustomerPageRequest;
import dev.rapport.crm.spi.SortKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PagingTest {
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final TenantId tenant = Fixtures.tenant();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final long seed = Long.getLong("rapport.seed", System.nanoTime());

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        storage.close();
    }

    private List<Customer> seed(Generators gen, int count, int serialBase) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            customers.add(gen.customer(serialBase + i));
        }
        storage.inTransaction(tenant, s -> {
            customers.forEach(s.customers()::insert);
            return null;
        });
        return customers;
    }

    @ParameterizedTest
    @EnumSource(CustomerSort.class)
    void paging_overGeneratedData_visitsEveryRowOnceInOrder(CustomerSort sort) {
        Generators gen = new Generators(seed);
        List<Customer> customers = seed(gen, 1_000, 0);
        for (int limit : new int[] {1, 7, 50, 999, 1_000, 5_000}) {
            List<Customer> seen = storage.read(
                    tenant, s -> CriteriaTest.pageThrough(s.customers(), CustomerCriteria.all(), sort, limit));
            assertThat(seen)
                    .as("seed %d, pages of %d", seed, limit)
                    .containsExactlyElementsOf(
                            customers.stream().sorted(Oracle.order(sort)).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(CustomerSort.class)
    void paging_isStable_whileOtherThreadsInsert(CustomerSort sort) throws Exception {
        Generators gen = new Generators(seed);
        List<Customer> before = seed(gen, 600, 0);
        Semaphore inserted = new Semaphore(0);
        AtomicBoolean paging = new AtomicBoolean(true);
        Generators other = new Generators(seed + 1);
        Future<Integer> inserter = pool.submit(() -> {
            int n = 0;
            while (paging.get()) {
                Customer c = other.customer(100_000 + n);
                storage.inTransaction(tenant, s -> {
                    s.customers().insert(c);
                    return null;
                });
                n++;
                inserted.release();
            }
            return n;
        });

        Comparator<Customer> order = Oracle.order(sort);
        List<Customer> seen = new ArrayList<>();
        SortKey after = null;
        while (true) {
            // At least one concurrent commit between any two pages.
            assertThat(inserted.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            SortKey position = after;
            List<Customer> page = storage.read(tenant, s -> s.customers()
                    .list(new CustomerPageRequest(CustomerCriteria.all(), sort, 13, position)));
            seen.addAll(page);
            if (page.size() < 13) {
                break;
            }
            after = Oracle.position(page.get(page.size() - 1), sort);
        }
        paging.set(false);
        int insertedCount = inserter.get(30, TimeUnit.SECONDS);

        Set<CustomerId> ids = new HashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            assertThat(ids.add(seen.get(i).id()))
                    .as("seed %d: each row once", seed)
                    .isTrue();
            if (i > 0) {
                assertThat(order.compare(seen.get(i - 1), seen.get(i)))
                        .as("seed %d: strictly ascending", seed)
                        .isNegative();
            }
        }
        assertThat(ids)
                .as("seed %d: every row present before paging began", seed)
                .containsAll(before.stream().map(Customer::id).toList());
        assertThat(insertedCount).isPositive();
    }

    @Test
    void position_withoutThePartItsOrderCompares_isRefused() {
        SortKey nameOnly = new SortKey(null, "ada", Fixtures.customerId());
        SortKey createdOnly = new SortKey(Fixtures.T0, null, Fixtures.customerId());
        storage.read(tenant, s -> {
            assertThatThrownBy(() -> s.customers()
                            .list(new CustomerPageRequest(CustomerCriteria.all(), CustomerSort.CREATED, 5, nameOnly)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.customers()
                            .list(new CustomerPageRequest(CustomerCriteria.all(), CustomerSort.NAME, 5, createdOnly)))
                    .isInstanceOf(IllegalArgumentException.class);
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(CustomerSort.class)
    void paging_fromAPositionNoLongerStored_continuesAfterIt(CustomerSort sort) {
        Generators gen = new Generators(seed);
        List<Customer> customers = seed(gen, 100, 0);
        List<Customer> sorted = customers.stream().sorted(Oracle.order(sort)).toList();
        Customer gone = sorted.get(40);
        storage.inTransaction(tenant, s -> {
            s.customers().delete(gone);
            return null;
        });
        List<Customer> rest = storage.read(tenant, s -> s.customers()
                .list(new CustomerPageRequest(CustomerCriteria.all(), sort, 1_000, Oracle.position(gone, sort))));
        assertThat(rest).as("seed %d", seed).containsExactlyElementsOf(sorted.subList(41, sorted.size()));
    }
}
