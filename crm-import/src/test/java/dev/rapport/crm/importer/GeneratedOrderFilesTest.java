package dev.rapport.crm.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.activity.CurrencyTotals;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random order files (orders with several lines, bad rows, cancellations of part of an
 * earlier order): whatever the batch size, the import gives the totals a plain recount of the
 * generated file gives, each customer keeps the country of its first row when later rows name
 * another, and a second run changes nothing. Pin a seed with {@code -Drapport.seed=}.
 */
class GeneratedOrderFilesTest {
    static long[] seeds() {
        return Seeds.with(42L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyBatchSize_givesThePlainRecount_andRerunsChangeNothing(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(OrderImportTest.HEADER);
        BigDecimal expectedNet = BigDecimal.ZERO;
        long purchases = 0;
        long badRows = 0;
        List<String[]> lastOrder = new ArrayList<>();
        // The country of each customer's first accepted row: what the store keeps when later rows
        // name another (one row in five does).
        Map<String, String> firstCountry = new HashMap<>();
        int minute = 0;
        for (int order = 1; order <= 60; order++) {
            String customer = String.valueOf(10_000 + r.nextInt(12));
            int lines = 1 + r.nextInt(4);
            minute += 1 + r.nextInt(30);
            String at = String.format("2011-01-%02d %02d:%02d:00", 1 + minute / 1440, (minute / 60) % 24, minute % 60);
            String country = r.nextInt(5) == 0 ? "France" : "UK";
            BigDecimal orderTotal = BigDecimal.ZERO;
            lastOrder.clear();
            for (int l = 0; l < lines; l++) {
                int qty = 1 + r.nextInt(12);
                BigDecimal price = BigDecimal.valueOf(r.nextInt(2000), 2 + r.nextInt(2));
                if (r.nextInt(15) == 0) {
                    csv.append(order)
                            .append(",P")
                            .append(l)
                            .append(",x,")
                            .append(-qty)
                            .append(',')
                            .append(at)
                            .append(',')
                            .append(price.toPlainString())
                            .append(',')
                            .append(customer)
                            .append(".0,")
                            .append(country)
                            .append('\n');
                    badRows++;
                    continue;
                }
                csv.append(order)
                        .append(",P")
                        .append(l)
                        .append(",\"item, ")
                        .append(l)
                        .append("\",")
                        .append(qty)
                        .append(',')
                        .append(at)
                        .append(',')
                        .append(price.toPlainString())
                        .append(',')
                        .append(customer)
                        .append(".0,")
                        .append(country)
                        .append('\n');
                firstCountry.putIfAbsent(customer, country);
                orderTotal =
                        orderTotal.add(price.multiply(BigDecimal.valueOf(qty)).setScale(2, RoundingMode.HALF_UP));
                lastOrder.add(new String[] {"P" + l, String.valueOf(qty), price.toPlainString()});
            }
            if (lastOrder.isEmpty()) {
                continue;
            }
            purchases++;
            expectedNet = expectedNet.add(orderTotal);
            if (r.nextInt(4) == 0) {
                // Cancel one unit of the order's first line, a minute later.
                String[] line = lastOrder.get(0);
                minute++;
                String later =
                        String.format("2011-01-%02d %02d:%02d:00", 1 + minute / 1440, (minute / 60) % 24, minute % 60);
                csv.append('C')
                        .append(order)
                        .append(',')
                        .append(line[0])
                        .append(",x,-1,")
                        .append(later)
                        .append(',')
                        .append(line[2])
                        .append(',')
                        .append(customer)
                        .append(".0,")
                        .append(country)
                        .append('\n');
                expectedNet = expectedNet.subtract(new BigDecimal(line[2]).setScale(2, RoundingMode.HALF_UP));
                if (lastOrder.size() == 1 && line[1].equals("1")) {
                    purchases--;
                }
            }
        }
        List<CurrencyTotals> seen = null;
        for (int batch : new int[] {1, 7, 5000}) {
            Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
            crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
            List<Reject> rejects = new ArrayList<>();
            ImportSummary s = CsvImporter.of(crm)
                    .batchSize(batch)
                    .importOrders(new StringReader(csv.toString()), OrderImportTest.retail(), rejects::add);
            assertThat(s.rowsRejected()).as("seed %s batch %s", seed, batch).isEqualTo(badRows);
            assertThat(rejects).hasSize((int) badRows);
            List<CurrencyTotals> totals = crm.purchases().totals();
            assertThat(totals).hasSize(1);
            assertThat(totals.get(0).netRevenue())
                    .as("seed %s batch %s", seed, batch)
                    .isEqualByComparingTo(expectedNet);
            assertThat(totals.get(0).orders()).isEqualTo(purchases);
            assertThat(s.customers()).isEqualTo(new ImportSummary.Counts(firstCountry.size(), 0, 0, 0));
            firstCountry.forEach((id, country) -> assertThat(crm.customers()
                            .findByIdentity(Identity.external("retail", id))
                            .orElseThrow()
                            .attributes())
                    .as("seed %s batch %s customer %s", seed, batch, id)
                    .containsEntry("country", new AttributeValue.Text(country)));
            if (seen != null) {
                assertThat(totals).isEqualTo(seen);
            }
            seen = totals;
            ImportSummary again = CsvImporter.of(crm)
                    .batchSize(batch)
                    .importOrders(new StringReader(csv.toString()), OrderImportTest.retail(), r2 -> {});
            assertThat(again.customers()).as("seed %s batch %s", seed, batch).isEqualTo(ImportSummary.Counts.NONE);
            assertThat(again.orders().created()).isZero();
            assertThat(again.reversals().created()).isZero();
            assertThat(crm.purchases().totals()).isEqualTo(totals);
        }
    }
}
