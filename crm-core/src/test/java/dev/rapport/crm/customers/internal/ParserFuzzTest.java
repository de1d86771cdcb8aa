package dev.rapport.crm.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rapport.crm.events.EventCursor;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerCriteria.Comparison;
import dev.rapport.crm.query.CustomerSort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of everything that parses untrusted text: cursors, email addresses, phone
 * numbers, tags, language tags, ids and criteria trees. The contract: nothing but a {@link
 * ValidationException} (or a clean result) ever comes out.
 *
 * <p>A plain build runs each target on its seed corpus (regression mode). {@code scripts/fuzz.sh}
 * runs each one in fuzzing mode ({@code JAZZER_FUZZ=1}) for a set time.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void cursor_decodeRefusesOnlyWithValidationException(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        for (CustomerSort sort : CustomerSort.values()) {
            try {
                CursorCodec.decode(sort, text);
            } catch (ValidationException expected) {
                assertThat(expected.violations())
                        .extracting(ValidationException.Violation::path)
                        .containsOnly("cursor");
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void eventCursorAndIds_parseRefuseOnlyWithValidationException(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            EventCursor.parse(text);
        } catch (ValidationException expected) {
            // refusing is the contract
        }
        try {
            assertThat(CustomerId.parse(text).toString()).isEqualToIgnoringCase(text);
        } catch (ValidationException expected) {
            // refusing is the contract
        }
    }

    @FuzzTest(maxDuration = "30s")
    void identities_checkReportsViolationsAndNeverThrows(FuzzedDataProvider data) {
        String region = data.pickValue(List.of("GB", "US", "DE", "IN", "AU", "BR"));
        String scope = data.consumeString(40);
        String value = data.consumeRemainingAsString();
        for (Identity identity : List.of(
                Identity.email(value),
                Identity.phone(value),
                Identity.social(scope, value),
                Identity.external(scope, value))) {
            Violations v = new Violations();
            var result = CustomerRules.identity(identity, region, "identity", v);
            assertThat(result.isPresent()).isEqualTo(v.isEmpty());
            result.ifPresent(i -> assertThat(i.key()).isNotEmpty());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void tagsNamesAndLanguages_checkNeverThrow(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Violations v = new Violations();
        CustomerRules.tag(text, "tag", v).ifPresent(t -> assertThat(CustomerRules.tag(t, "tag", new Violations()))
                .contains(t));
        CustomerRules.language(text, "language", v);
        CustomerRules.requiredName(text, "displayName", CustomerRules.MAX_DISPLAY_NAME, v);
    }

    @FuzzTest(maxDuration = "30s")
    void criteria_checkRefusesOnlyWithValidationException(FuzzedDataProvider data) {
        Map<String, AttributeDefinition> defs = Map.of(
                "tier", AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("gold", "silver"),
                "spend", AttributeDefinition.of("spend", AttributeType.DECIMAL),
                "visits", AttributeDefinition.of("visits", AttributeType.INTEGER),
                "vip", AttributeDefinition.of("vip", AttributeType.BOOLEAN),
                "langs", AttributeDefinition.of("langs", AttributeType.TEXT_LIST),
                "born", AttributeDefinition.of("born", AttributeType.DATE),
                "seen", AttributeDefinition.of("seen", AttributeType.TIMESTAMP),
                "note", AttributeDefinition.of("note", AttributeType.TEXT));
        try {
            CriteriaRules.check(tree(data, 0), defs);
        } catch (ValidationException expected) {
            // refusing is the contract
        }
    }

    private static CustomerCriteria tree(FuzzedDataProvider data, int depth) {
        int kind = data.consumeInt(0, depth > 40 ? 6 : 9);
        return switch (kind) {
            case 0 -> CustomerCriteria.all();
            case 1 -> CustomerCriteria.namePrefix(data.consumeString(300));
            case 2 -> CustomerCriteria.hasTag(data.consumeString(80));
            case 3 -> new CustomerCriteria.StageIn(EnumSet.of(data.pickValue(LifecycleStage.values())));
            case 4 -> CustomerCriteria.createdBetween(Instant.ofEpochSecond(data.consumeInt()), Instant.now());
            case 5 ->
                new CustomerCriteria.AttributeCompare(
                        data.consumeString(70), data.pickValue(Comparison.values()), value(data));
            case 6 -> new CustomerCriteria.AttributePresent(data.consumeString(70));
            case 7 -> new CustomerCriteria.Not(tree(data, depth + 1));
            default -> {
                List<CustomerCriteria> parts = new ArrayList<>();
                int n = data.consumeInt(0, 4);
                for (int i = 0; i < n; i++) {
                    parts.add(tree(data, depth + 1));
                }
                yield kind == 8 ? new CustomerCriteria.And(parts) : new CustomerCriteria.Or(parts);
            }
        };
    }

    private static AttributeValue value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> new AttributeValue.Text(data.consumeString(50));
            case 1 -> new AttributeValue.Int(data.consumeLong());
            case 2 ->
                new AttributeValue.Decimal(java.math.BigDecimal.valueOf(data.consumeLong(), data.consumeInt(-5, 40)));
            case 3 -> new AttributeValue.Bool(data.consumeBoolean());
            default -> new AttributeValue.Text(data.consumeString(30));
        };
    }
}
