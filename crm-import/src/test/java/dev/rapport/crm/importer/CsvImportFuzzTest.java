package dev.rapport.crm.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rapport.crm.Crm;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.CurrencyTotals;
import java.io.StringReader;
import java.util.List;

/**
 * Coverage-guided fuzzing of the CSV importers on arbitrary text. The contract: nothing but a
 * {@link ValidationException} escapes, and whatever was written is whole (every recorded order is
 * counted, and a second run writes nothing more). A plain build replays the seed corpus.
 */
class CsvImportFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void orders_refuseOnlyWithValidationException_andWriteWholeOrders(FuzzedDataProvider data) {
        int batch = 1 + data.consumeInt(0, 20);
        String body = data.consumeRemainingAsString();
        String csv = OrderImportTest.HEADER + body;
        Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
        crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
        ImportSummary first;
        try {
            first = CsvImporter.of(crm)
                    .batchSize(batch)
                    .importOrders(new StringReader(csv), OrderImportTest.retail(), r -> {});
        } catch (ValidationException expected) {
            return;
        }
        List<CurrencyTotals> totals = crm.purchases().totals();
        long orders = totals.stream().mapToLong(CurrencyTotals::orders).sum();
        assertThat(orders).isLessThanOrEqualTo(first.orders().created());
        assertThat(first.rowsRejected())
                .isLessThanOrEqualTo(first.rowsRead() + first.reversals().rejected());
        ImportSummary again = CsvImporter.of(crm)
                .batchSize(batch)
                .importOrders(new StringReader(csv), OrderImportTest.retail(), r -> {});
        assertThat(again.orders().created()).isZero();
        assertThat(again.reversals().created()).isZero();
        assertThat(crm.purchases().totals()).isEqualTo(totals);
    }

    @FuzzTest(maxDuration = "30s")
    void customers_refuseOnlyWithValidationException(FuzzedDataProvider data) {
        String csv = "id,name,email,phone,tier,tags\n" + data.consumeRemainingAsString();
        Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
        crm.attributes()
                .define(AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("gold", "silver"));
        try {
            ImportSummary s = CsvImporter.of(crm)
                    .batchSize(3)
                    .importCustomers(new StringReader(csv), CustomerAndInteractionImportTest.customers(), r -> {});
            assertThat(crm.customers().count(dev.rapport.crm.query.CustomerCriteria.all()))
                    .isEqualTo(s.customers().created());
        } catch (ValidationException expected) {
            // refusing is the contract
        }
    }
}
