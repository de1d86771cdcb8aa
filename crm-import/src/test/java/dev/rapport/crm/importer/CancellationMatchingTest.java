package dev.rapport.crm.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.importer.internal.CsvRows;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded order files whose cancellations could take from many earlier orders (few products and
 * prices, partial quantities, originals far back, rows no order can serve): every way the
 * importer finds the originals gives the rule's answer, worked out here by a plain replay of the
 * file. The ways: the orders it recorded for the customers it created (the default), the store
 * alone (nothing kept), a keep so small that customers drop out of it between batches, and
 * customers created before the import (whose orders only the store knows). Pin a seed with
 * {@code -Drapport.seed=}.
 */
class CancellationMatchingTest {
    static long[] seeds() {
        return Seeds.with(7L);
    }

    /** A generated file and, per cancellation row's source id, the original the rule picks (or null). */
    private record File(
            String csv, Map<String, String> expected, List<String> customers, int duplicates, int rejectedAgain) {}

    private static File generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(OrderImportTest.HEADER);
        // Per customer, its orders oldest first: id, then per line product, price, quantity left.
        Map<String, List<Object[]>> history = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            customers.add(String.valueOf(20_000 + c));
        }
        // Cancellations written before, each its rows' text and source ids: one in eight is written
        // again later (the same cancellation twice in the file): a row that was recorded is then a
        // duplicate, not a second reversal, and one that found no original finds none again.
        List<String> written = new ArrayList<>();
        List<List<String>> writtenSources = new ArrayList<>();
        int duplicates = 0;
        int rejectedAgain = 0;
        // The cancellation written last, if nothing came after it: writing it again right away would
        // make one order of twice the rows (an order's rows are the consecutive rows of its id).
        int last = -1;
        int minute = 0;
        for (int n = 1; n <= 400; n++) {
            String customer = customers.get(r.nextInt(customers.size()));
            minute += 1 + r.nextInt(3);
            String at = at(minute);
            List<Object[]> orders = history.computeIfAbsent(customer, k -> new ArrayList<>());
            if (r.nextInt(3) > 0 || orders.isEmpty()) {
                String id = String.valueOf(n);
                int lines = 1 + r.nextInt(3);
                List<Object[]> held = new ArrayList<>();
                for (int l = 0; l < lines; l++) {
                    String product = "P" + r.nextInt(3);
                    String price = r.nextBoolean() ? "1.50" : "2.25";
                    int qty = 1 + r.nextInt(6);
                    row(csv, id, product, qty, at, price, customer);
                    held.add(new Object[] {product, new BigDecimal(price), BigDecimal.valueOf(qty)});
                }
                orders.add(new Object[] {id, held});
                last = -1;
                continue;
            }
            int k = written.isEmpty() ? -1 : r.nextInt(written.size());
            if (k >= 0 && k != last && r.nextInt(8) == 0) {
                last = k;
                csv.append(written.get(k));
                for (String source : writtenSources.get(k)) {
                    if (expected.get(source) != null) {
                        duplicates++;
                    } else {
                        rejectedAgain++;
                    }
                }
                continue;
            }
            String id = "C" + n;
            int lines = 1 + r.nextInt(2);
            int from = csv.length();
            List<String> ids = new ArrayList<>();
            for (int l = 0; l < lines; l++) {
                String product = "P" + r.nextInt(3);
                String price = r.nextInt(8) == 0 ? "9.99" : (r.nextBoolean() ? "1.50" : "2.25");
                int qty = 1 + r.nextInt(5);
                row(csv, id, product, -qty, at, price, customer);
                expected.put(id + "/" + (l + 1), take(orders, product, new BigDecimal(price), BigDecimal.valueOf(qty)));
                ids.add(id + "/" + (l + 1));
            }
            written.add(csv.substring(from));
            writtenSources.add(ids);
            last = written.size() - 1;
        }
        return new File(csv.toString(), expected, customers, duplicates, rejectedAgain);
    }

    /** The rule: the latest earlier order with enough of the product at the price left; takes it. */
    @SuppressWarnings("unchecked")
    private static String take(List<Object[]> orders, String product, BigDecimal price, BigDecimal qty) {
        for (int o = orders.size() - 1; o >= 0; o--) {
            for (Object[] line : (List<Object[]>) orders.get(o)[1]) {
                if (line[0].equals(product)
                        && ((BigDecimal) line[1]).compareTo(price) == 0
                        && ((BigDecimal) line[2]).compareTo(qty) >= 0) {
                    line[2] = ((BigDecimal) line[2]).subtract(qty);
                    return (String) orders.get(o)[0];
                }
            }
        }
        return null;
    }

    private static String at(int minute) {
        return String.format("2011-02-%02d %02d:%02d:00", 1 + minute / 1440, (minute / 60) % 24, minute % 60);
    }

    private static void row(StringBuilder csv, String id, String product, int qty, String at, String price, String c) {
        csv.append(id)
                .append(',')
                .append(product)
                .append(",p,")
                .append(qty)
                .append(',')
                .append(at)
                .append(',')
                .append(price)
                .append(',')
                .append(c)
                .append(".0,UK\n");
    }

    private static Crm crm() {
        Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
        crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
        return crm;
    }

    /** Imports the file with the given batch size and keep, and answers each cancellation row's original. */
    private static Map<String, String> imported(long seed, Crm crm, File file, int batch, int keep) {
        ImportSummary s = new OrderImport(crm, OrderImportTest.retail(), r -> {}, batch, summary -> {}, keep)
                .run(CsvRows.open(
                        new StringReader(file.csv()), OrderImportTest.retail().columns()));
        assertThat(s.reversals().created() + s.reversals().rejected())
                .as("seed %s batch %s keep %s: created and rejected", seed, batch, keep)
                .isEqualTo(file.expected().size() + file.rejectedAgain());
        assertThat(s.reversals().duplicates())
                .as("seed %s batch %s keep %s: duplicates", seed, batch, keep)
                .isEqualTo(file.duplicates());
        assertThat(s.reversals().created())
                .as("seed %s batch %s keep %s: created", seed, batch, keep)
                .isEqualTo(file.expected().values().stream()
                        .filter(Objects::nonNull)
                        .count());
        Map<String, String> originals = new LinkedHashMap<>();
        for (String source : file.expected().keySet()) {
            Reversal reversal = crm.purchases()
                    .findReversalBySource(SourceRef.of("retail", source))
                    .orElse(null);
            originals.put(
                    source,
                    reversal == null
                            ? null
                            : Objects.requireNonNull(crm.purchases()
                                            .get(reversal.orderId())
                                            .source())
                                    .externalId());
        }
        return originals;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyWayOfFindingTheOriginals_givesTheRulesAnswer(long seed) {
        File file = generate(seed);
        assertThat(file.expected().values())
                .as("seed %s: some rows have no original", seed)
                .containsNull();
        assertThat(file.expected().values()).as("seed %s: most do", seed).hasSizeGreaterThan(20);
        assertThat(file.duplicates()).as("seed %s: some are repeated", seed).isPositive();

        assertThat(imported(seed, crm(), file, 5000, OrderImport.RECENT_LINES))
                .as("seed %s, kept orders", seed)
                .isEqualTo(file.expected());
        assertThat(imported(seed, crm(), file, 4, OrderImport.RECENT_LINES))
                .as("seed %s, kept orders, batches of 4 rows", seed)
                .isEqualTo(file.expected());
        assertThat(imported(seed, crm(), file, 37, 0))
                .as("seed %s, the store alone", seed)
                .isEqualTo(file.expected());
        assertThat(imported(seed, crm(), file, 3, 9))
                .as("seed %s, a keep of 9 lines", seed)
                .isEqualTo(file.expected());

        Crm existing = crm();
        for (String customer : file.customers()) {
            existing.customers().create(NewCustomer.named(customer).identity(Identity.external("retail", customer)));
        }
        assertThat(imported(seed, existing, file, 50, OrderImport.RECENT_LINES))
                .as("seed %s, customers from before the import", seed)
                .isEqualTo(file.expected());
    }
}
