package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.event.CustomerUpdated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency: stale versions are refused, read-modify-write loops lose no update,
 * version-free commands from many threads all land, and readers never see half a command.
 *
 * <p>System properties: {@code rapport.tck.threads} (default 8) and {@code
 * rapport.tck.writesPerThread} (default 25).
 *
 * @since 0.1
 */
public abstract class ConcurrencyContract extends ContractSupport {

    private static int threads() {
        return Seeds.intProperty("rapport.tck.threads", 8);
    }

    private static int writesPerThread() {
        return Seeds.intProperty("rapport.tck.writesPerThread", 25);
    }

    /** Runs the tasks on their own threads, started together, and returns their results. */
    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("of two writers that read the same version, the second is refused with ConcurrencyException")
    void update_secondWriterOfSameVersionIsRefused() {
        Customer c = crm.customers().create(NewCustomer.named("Start"));
        Customer first = crm.customers().get(c.id());
        Customer second = crm.customers().get(c.id());
        crm.customers()
                .update(
                        first.id(),
                        first.version(),
                        CustomerPatch.builder().displayName("First").build());
        assertRefusedWithoutWrites(crm, ConcurrencyException.class, () -> crm.customers()
                .update(
                        second.id(),
                        second.version(),
                        CustomerPatch.builder().displayName("Second").build()));
        assertThat(crm.customers().get(c.id()).displayName()).isEqualTo("First");
    }

    @Test
    @DisplayName("threads incrementing a counter by read, update with expected version and retry lose no update")
    void update_readModifyWriteWithRetry_losesNoUpdate() throws Exception {
        Customer c = crm.customers().create(NewCustomer.named("count-0"));
        int n = threads();
        int m = writesPerThread();
        AtomicInteger conflicts = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            tasks.add(() -> {
                for (int i = 0; i < m; i++) {
                    while (true) {
                        Customer now = crm.customers().get(c.id());
                        int count = Integer.parseInt(now.displayName().substring("count-".length()));
                        try {
                            crm.customers()
                                    .update(
                                            now.id(),
                                            now.version(),
                                            CustomerPatch.builder()
                                                    .displayName("count-" + (count + 1))
                                                    .build());
                            break;
                        } catch (ConcurrencyException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return m;
            });
        }
        runTogether(tasks);
        Customer end = crm.customers().get(c.id());
        assertThat(end.displayName()).isEqualTo("count-" + (n * m));
        assertThat(end.version()).isEqualTo(1L + (long) n * m);
        assertThat(listener.events(CustomerUpdated.class)).hasSize(n * m);
        assertThat(eventLog(crm)).hasSize(1 + n * m);
    }

    @Test
    @DisplayName("version-free commands (tag, setAttributes) from many threads all land")
    void versionFreeCommands_fromManyThreads_allLand() throws Exception {
        int n = threads();
        int m = writesPerThread();
        int tagsPerThread = Math.max(1, 48 / n);
        for (int t = 0; t < n; t++) {
            crm.attributes().define(AttributeDefinition.of("k" + t, AttributeType.INTEGER));
        }
        Crm patient = builder(storage).maxAttempts(1000).build().forTenant(crm.tenant());
        Customer c = patient.customers().create(NewCustomer.named("Target"));
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 1; i <= m; i++) {
                    patient.customers().setAttributes(c.id(), Map.of("k" + thread, i));
                    if (i <= tagsPerThread) {
                        patient.customers().tag(c.id(), "t" + thread + "-" + i);
                    }
                }
                return m;
            });
        }
        runTogether(tasks);
        Customer end = patient.customers().get(c.id());
        assertThat(end.tags()).hasSize(n * tagsPerThread);
        for (int t = 0; t < n; t++) {
            assertThat(end.attributes()).containsEntry("k" + t, new AttributeValue.Int(m));
        }
        assertThat(end.version()).isEqualTo(1L + (long) n * m + (long) n * tagsPerThread);
        assertThat(eventLog(patient)).hasSize(1 + n * m + n * tagsPerThread);
    }

    @Test
    @DisplayName("a reader never sees half a command: fields changed together are seen together")
    void reads_neverSeeHalfACommand() throws Exception {
        Customer c = crm.customers().create(NewCustomer.named("N0").names("G0", "F0"));
        int writes = threads() * writesPerThread();
        AtomicBoolean done = new AtomicBoolean();
        List<Callable<String>> tasks = List.of(
                () -> {
                    try {
                        Customer now = c;
                        for (int i = 1; i <= writes; i++) {
                            now = crm.customers()
                                    .update(
                                            now.id(),
                                            now.version(),
                                            CustomerPatch.builder()
                                                    .displayName("N" + i)
                                                    .givenName("G" + i)
                                                    .familyName("F" + i)
                                                    .build());
                        }
                        return "writer";
                    } finally {
                        done.set(true);
                    }
                },
                () -> {
                    int reads = 0;
                    while (!done.get() || reads == 0) {
                        Customer seen = crm.customers().get(c.id());
                        String n = seen.displayName().substring(1);
                        assertThat(seen.givenName()).isEqualTo("G" + n);
                        assertThat(seen.familyName()).isEqualTo("F" + n);
                        assertThat(seen.version()).isEqualTo(Long.parseLong(n) + 1);
                        reads++;
                    }
                    return "reader";
                });
        runTogether(tasks);
        assertThat(crm.customers().get(c.id()).version()).isEqualTo(writes + 1L);
    }
}
