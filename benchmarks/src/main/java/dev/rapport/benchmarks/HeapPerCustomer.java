package dev.rapport.benchmarks;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.query.CustomerQuery;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Retained heap per stored customer (not a JMH benchmark): stores N customers, forces full
 * collections until the used heap settles, and reports (used after - used before) / N, as the
 * median of several rounds. Run: {@code java -cp benchmarks.jar
 * dev.rapport.benchmarks.HeapPerCustomer [N] [rounds]}.
 *
 * <p>Compared: the bare {@code HashMap<UUID, Customer>} of the same records ({@link
 * Data#seedCustomer}: name, email, E.164 phone, one in ten tagged); that map plus a {@code
 * HashMap<String, UUID>} identity index (what find-by-email needs); Rapport's in-memory adapter given
 * the same records through the SPI (no events) with and without its CREATED index; and Rapport fed
 * through the facade ({@code create}, which also keeps a {@code customer.created} event per customer
 * in the tenant's event log).
 */
public final class HeapPerCustomer {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapPerCustomer() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, IntFunction<Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("bare HashMap<UUID, Customer>", HeapPerCustomer::bareMap);
        cases.put("bare HashMap + identity index", HeapPerCustomer::bareMapWithIndex);
        cases.put("Rapport in-memory, SPI insert, no index", count -> rapportSpi(count, false));
        cases.put("Rapport in-memory, SPI insert, CREATED index", count -> rapportSpi(count, true));
        cases.put("Rapport in-memory, facade create (+ event log)", HeapPerCustomer::rapportFacade);
        System.out.printf(
                Locale.ROOT,
                "heap per customer, N=%d, median of %d rounds (JDK %s, -Xmx%dm)%n",
                n,
                rounds,
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        for (Map.Entry<String, IntFunction<Object>> c : cases.entrySet()) {
            c.getValue().apply(Math.min(n, 20_000)); // warm the code paths and class loading
            List<Double> perCustomer = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long before = settledUsed();
                Object held = c.getValue().apply(n);
                long after = settledUsed();
                Reference.reachabilityFence(held);
                perCustomer.add((after - before) / (double) n);
            }
            perCustomer.sort(Double::compare);
            System.out.printf(
                    Locale.ROOT,
                    "%-50s %8.0f bytes/customer  (rounds: %s)%n",
                    c.getKey(),
                    perCustomer.get(rounds / 2),
                    perCustomer.stream()
                            .map(v -> String.format(Locale.ROOT, "%.0f", v))
                            .toList());
        }
    }

    private static Object bareMap(int n) {
        Map<UUID, Customer> byId = new HashMap<>();
        for (int g = 1; g <= n; g++) {
            Customer c = Data.seedCustomer(g);
            byId.put(c.id().value(), c);
        }
        return byId;
    }

    private static Object bareMapWithIndex(int n) {
        Map<UUID, Customer> byId = new HashMap<>();
        Map<String, UUID> byIdentity = new HashMap<>();
        for (int g = 1; g <= n; g++) {
            Customer c = Data.seedCustomer(g);
            byId.put(c.id().value(), c);
            for (Identity identity : c.identities()) {
                byIdentity.put(identity.key(), c.id().value());
            }
        }
        return List.of(byId, byIdentity);
    }

    private static Object rapportSpi(int n, boolean index) {
        InMemoryStorage storage = InMemoryStorage.create();
        Crm crm = Crm.builder().storage(storage).build();
        if (index) {
            crm.customers().list(CustomerQuery.all());
        }
        storage.inTransaction(TenantId.DEFAULT, s -> {
            for (int g = 1; g <= n; g++) {
                s.customers().insert(Data.seedCustomer(g));
            }
            return null;
        });
        return crm;
    }

    private static Object rapportFacade(int n) {
        Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
        for (int g = 1; g <= n; g++) {
            NewCustomer command = NewCustomer.named(Data.seedName(g))
                    .email(Data.seedEmail(g))
                    .phone(Data.seedPhoneE164(g))
                    .stage(LifecycleStage.CUSTOMER);
            crm.customers().create(Data.seedTagged(g) ? command.tags(Data.TAG) : command);
        }
        return crm;
    }

    /** Full collections until the used heap stops shrinking by more than 0.1%. */
    private static long settledUsed() {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (used >= previous - previous / 1000) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
