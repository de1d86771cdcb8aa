package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.event.CustomerUpdated;
import dev.rapport.crm.query.CustomerCriteria;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Custom attributes: definitions of every type with constraints, the checking of values, required
 * attributes, and what changing or removing a definition does to stored values (the rules on
 * {@code AttributeService}).
 *
 * @since 0.1
 */
public abstract class AttributeDefinitionContract extends ContractSupport {

    private void defineSchema() {
        Generators.SCHEMA.forEach(crm.attributes()::define);
    }

    @Nested
    @DisplayName("definitions")
    class Definitions {
        @Test
        @DisplayName("a definition of every type reads back equal; list is sorted by key")
        void define_roundTripsEveryType() {
            defineSchema();
            for (AttributeDefinition d : Generators.SCHEMA) {
                assertThat(crm.attributes().get(d.key())).contains(d);
            }
            assertThat(crm.attributes().list())
                    .extracting(AttributeDefinition::key)
                    .containsExactly("langs", "note", "score", "seen", "since", "tier", "vip", "visits");
            assertThat(crm.attributes().list()).containsExactlyInAnyOrderElementsOf(Generators.SCHEMA);
            assertThat(crm.attributes().get("missing")).isEmpty();
        }

        @Test
        @DisplayName("inconsistent definitions are refused with every problem listed")
        void define_rejectsInconsistentDefinitions() {
            ValidationException e = thrown(ValidationException.class, () -> crm.attributes()
                    .define(new AttributeDefinition(
                            "Bad Key",
                            AttributeType.INTEGER,
                            false,
                            10,
                            BigDecimal.TEN,
                            BigDecimal.ONE,
                            List.of("x"))));
            assertThat(paths(e)).contains("key", "maxLength", "min", "choices");
            thrown(ValidationException.class, () -> crm.attributes()
                    .define(AttributeDefinition.of("tier", AttributeType.CHOICE)));
            thrown(ValidationException.class, () -> crm.attributes()
                    .define(AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("a", "a")));
            assertThat(crm.attributes().list()).isEmpty();
        }

        @Test
        @DisplayName(
                "values of every type read back as stored: decimals without trailing zeros, instants to the microsecond, extreme dates")
        void values_roundTripEveryType() {
            defineSchema();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("note", "ärger \uD83D\uDE00 \uFF21");
            values.put("visits", 100_000L);
            values.put("score", new BigDecimal("-999.500"));
            values.put("vip", false);
            values.put("since", "0001-01-01");
            values.put("seen", Instant.parse("9999-12-31T23:59:59.999999999Z"));
            values.put("tier", "silver");
            values.put("langs", List.of("en", "", "fr"));
            Customer c = crm.customers().create(NewCustomer.named("V"));
            Customer after = crm.customers().setAttributes(c.id(), values);
            assertThat(after.attributes())
                    .containsEntry("note", new AttributeValue.Text("ärger \uD83D\uDE00 \uFF21"))
                    .containsEntry("visits", new AttributeValue.Int(100_000))
                    .containsEntry("score", new AttributeValue.Decimal(new BigDecimal("-999.5")))
                    .containsEntry("vip", new AttributeValue.Bool(false))
                    .containsEntry("since", new AttributeValue.Date(LocalDate.of(1, 1, 1)))
                    .containsEntry("seen", new AttributeValue.Timestamp(Instant.parse("9999-12-31T23:59:59.999999Z")))
                    .containsEntry("tier", new AttributeValue.Choice("silver"))
                    .containsEntry("langs", new AttributeValue.TextList(List.of("en", "", "fr")));
            assertThat(crm.customers().get(c.id())).isEqualTo(after);
            Customer again = crm.customers()
                    .setAttributes(
                            c.id(),
                            Map.of(
                                    "since",
                                    LocalDate.of(9999, 12, 31),
                                    "seen",
                                    Instant.parse("1969-07-20T20:17:40.000001Z"),
                                    "score",
                                    new BigDecimal("0.000000000000000001")));
            assertThat(crm.customers().get(c.id())).isEqualTo(again);
            assertThat(listener.events(CustomerUpdated.class).get(0).changedFields())
                    .containsExactly(
                            "attributes.langs",
                            "attributes.note",
                            "attributes.score",
                            "attributes.seen",
                            "attributes.since",
                            "attributes.tier",
                            "attributes.vip",
                            "attributes.visits");
        }

        @Test
        @DisplayName("setting a value equal to the stored one (1.50 after 1.5) changes nothing")
        void setAttributes_equalValueIsNoOp() {
            defineSchema();
            Customer c = crm.customers().create(NewCustomer.named("V").attribute("score", new BigDecimal("1.5")));
            assertThat(crm.customers().setAttributes(c.id(), Map.of("score", new BigDecimal("1.50"))))
                    .isEqualTo(c);
            assertThat(eventLog(crm)).hasSize(1);
        }

        @Test
        @DisplayName("cleared values are gone; clearing an absent value changes nothing")
        void clearAttributes_removesValues() {
            defineSchema();
            Customer c = crm.customers()
                    .create(NewCustomer.named("V").attribute("visits", 3).attribute("vip", true));
            Customer after = crm.customers().clearAttributes(c.id(), "visits", "note");
            assertThat(after.attributes()).containsOnlyKeys("vip");
            assertThat(after.version()).isEqualTo(2);
            assertThat(crm.customers().get(c.id())).isEqualTo(after);
            assertThat(crm.customers().clearAttributes(c.id(), "visits")).isEqualTo(after);
            assertThat(listener.events(CustomerUpdated.class))
                    .singleElement()
                    .satisfies(e -> assertThat(e.changedFields()).containsExactly("attributes.visits"));
        }

        @Test
        @DisplayName("clearing a key with no definition is refused, naming the key, and writes nothing")
        void clearAttributes_refusesUndefinedKeys() {
            defineSchema();
            Customer c = crm.customers().create(NewCustomer.named("V").attribute("visits", 3));
            ValidationException e = assertRefusedWithoutWrites(
                    crm, ValidationException.class, () -> crm.customers().clearAttributes(c.id(), "visits", "nope"));
            assertThat(paths(e)).containsExactly("attributes.nope");
            assertThat(crm.customers().get(c.id())).isEqualTo(c);
        }
    }

    @Nested
    @DisplayName("checking values")
    class Checking {
        @Test
        @DisplayName(
                "unknown key, wrong type, out of range, too long and not a choice are each named attributes.<key>, all at once")
        void setAttributes_reportsEveryBadValue() {
            defineSchema();
            Customer c = crm.customers().create(NewCustomer.named("V").attribute("visits", 1));
            Map<String, Object> bad = new LinkedHashMap<>();
            bad.put("nope", 1);
            bad.put("vip", "yes");
            bad.put("visits", 100_001);
            bad.put("note", "x".repeat(41));
            bad.put("tier", "platinum");
            bad.put("score", new BigDecimal("1000.01"));
            bad.put("since", "2024-02-30");
            bad.put("langs", List.of("en", "x".repeat(11)));
            ValidationException e = assertRefusedWithoutWrites(
                    crm, ValidationException.class, () -> crm.customers().setAttributes(c.id(), bad));
            assertThat(paths(e))
                    .containsExactlyInAnyOrder(
                            "attributes.nope",
                            "attributes.vip",
                            "attributes.visits",
                            "attributes.note",
                            "attributes.tier",
                            "attributes.score",
                            "attributes.since",
                            "attributes.langs[1]");
            assertThat(crm.customers().get(c.id())).isEqualTo(c);
        }

        @Test
        @DisplayName("the same checks apply on create, and nothing is written")
        void create_checksAttributeValues() {
            defineSchema();
            ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.customers()
                    .create(NewCustomer.named("V")
                            .attribute("visits", -1)
                            .attribute("tier", "Gold")
                            .attribute("seen", "yesterday")));
            assertThat(paths(e)).containsExactlyInAnyOrder("attributes.visits", "attributes.tier", "attributes.seen");
        }

        @Test
        @DisplayName("a required attribute must be given on create and cannot be cleared")
        void required_isEnforcedOnCreateAndClear() {
            crm.attributes()
                    .define(AttributeDefinition.of("tier", AttributeType.CHOICE)
                            .withChoices("bronze", "gold")
                            .asRequired());
            ValidationException e = assertRefusedWithoutWrites(
                    crm, ValidationException.class, () -> crm.customers().create(NewCustomer.named("V")));
            assertThat(paths(e)).containsExactly("attributes.tier");
            Customer c = crm.customers().create(NewCustomer.named("V").attribute("tier", "gold"));
            ValidationException clear = assertRefusedWithoutWrites(
                    crm, ValidationException.class, () -> crm.customers().clearAttributes(c.id(), "tier"));
            assertThat(paths(clear)).containsExactly("attributes.tier");
            assertThat(crm.customers()
                            .setAttributes(c.id(), Map.of("tier", "bronze"))
                            .attributes())
                    .containsEntry("tier", new AttributeValue.Choice("bronze"));
        }
    }

    @Nested
    @DisplayName("changing definitions")
    class Changing {
        @Test
        @DisplayName("the type of an attribute that holds values cannot change; with no values it can")
        void define_typeChangeRefusedWhileValuesExist() {
            crm.attributes().define(AttributeDefinition.of("level", AttributeType.INTEGER));
            Customer c = crm.customers().create(NewCustomer.named("V").attribute("level", 3));
            thrown(ConflictException.class, () -> crm.attributes()
                    .define(AttributeDefinition.of("level", AttributeType.TEXT)));
            assertThat(crm.attributes().get("level")).contains(AttributeDefinition.of("level", AttributeType.INTEGER));
            assertThat(crm.customers().get(c.id()).attributes()).containsEntry("level", new AttributeValue.Int(3));
            crm.customers().clearAttributes(c.id(), "level");
            crm.attributes().define(AttributeDefinition.of("level", AttributeType.TEXT));
            Customer after = crm.customers().setAttributes(c.id(), Map.of("level", "expert"));
            assertThat(crm.customers().get(c.id()).attributes())
                    .containsEntry("level", new AttributeValue.Text("expert"));
            assertThat(after.attributes()).containsEntry("level", new AttributeValue.Text("expert"));
        }

        @Test
        @DisplayName("tightened constraints keep stored values readable and unchanged and block no unrelated command")
        void define_tighteningKeepsStoredValues() {
            crm.attributes().define(AttributeDefinition.of("note", AttributeType.TEXT));
            crm.attributes().define(AttributeDefinition.of("visits", AttributeType.INTEGER));
            crm.attributes()
                    .define(AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("a", "b"));
            crm.attributes().define(AttributeDefinition.of("other", AttributeType.INTEGER));
            Customer c = crm.customers()
                    .create(NewCustomer.named("V")
                            .attribute("note", "a rather long note")
                            .attribute("visits", 500)
                            .attribute("tier", "b"));
            crm.attributes()
                    .define(AttributeDefinition.of("note", AttributeType.TEXT).withMaxLength(5));
            crm.attributes()
                    .define(AttributeDefinition.of("visits", AttributeType.INTEGER)
                            .withRange(BigDecimal.ZERO, BigDecimal.TEN));
            crm.attributes()
                    .define(AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("a"));
            crm.attributes()
                    .define(AttributeDefinition.of("other", AttributeType.INTEGER)
                            .asRequired());
            assertThat(crm.customers().get(c.id())).isEqualTo(c);
            Customer v = crm.customers()
                    .update(c.id(), 1, CustomerPatch.builder().displayName("W").build());
            v = crm.customers().tag(v.id(), "kept");
            v = crm.customers().changeStage(v.id(), LifecycleStage.CUSTOMER);
            v = crm.customers().setAttributes(v.id(), Map.of("other", 1));
            assertThat(v.attributes())
                    .containsEntry("note", new AttributeValue.Text("a rather long note"))
                    .containsEntry("visits", new AttributeValue.Int(500))
                    .containsEntry("tier", new AttributeValue.Choice("b"));
            assertThat(crm.customers().get(c.id())).isEqualTo(v);
            assertThat(crm.customers()
                            .count(CustomerCriteria.attribute("visits").eq(500)))
                    .isEqualTo(1);
            ValidationException e = thrown(ValidationException.class, () -> crm.customers()
                    .setAttributes(c.id(), Map.of("note", "too long", "visits", 11, "tier", "b")));
            assertThat(paths(e)).containsExactlyInAnyOrder("attributes.note", "attributes.visits", "attributes.tier");
        }

        @Test
        @DisplayName("making an attribute required applies to customers created from then on")
        void define_requiredAppliesToNewCustomersOnly() {
            crm.attributes().define(AttributeDefinition.of("tier", AttributeType.TEXT));
            Customer before = crm.customers().create(NewCustomer.named("Before"));
            crm.attributes()
                    .define(AttributeDefinition.of("tier", AttributeType.TEXT).asRequired());
            assertThat(crm.customers().get(before.id())).isEqualTo(before);
            assertThat(crm.customers().tag(before.id(), "still-fine").tags()).containsExactly("still-fine");
            thrown(ValidationException.class, () -> crm.customers().create(NewCustomer.named("After")));
        }

        @Test
        @DisplayName(
                "a definition that holds values cannot be removed; once cleared it can, and its key becomes unknown")
        void remove_refusedWhileValuesExist() {
            crm.attributes().define(AttributeDefinition.of("level", AttributeType.INTEGER));
            Customer c = crm.customers().create(NewCustomer.named("V").attribute("level", 3));
            thrown(ConflictException.class, () -> crm.attributes().remove("level"));
            assertThat(crm.attributes().get("level")).isPresent();
            assertThat(crm.customers().get(c.id())).isEqualTo(c);
            crm.customers().clearAttributes(c.id(), "level");
            crm.attributes().remove("level");
            assertThat(crm.attributes().get("level")).isEmpty();
            assertThat(crm.attributes().list()).isEmpty();
            ValidationException e =
                    thrown(ValidationException.class, () -> crm.customers().setAttributes(c.id(), Map.of("level", 1)));
            assertThat(paths(e)).containsExactly("attributes.level");
            crm.attributes().remove("never-defined");
        }

        @Test
        @DisplayName("a deleted customer's values do not block removing or retyping a definition")
        void delete_releasesAttributeValues() {
            crm.attributes().define(AttributeDefinition.of("level", AttributeType.INTEGER));
            Customer c = crm.customers().create(NewCustomer.named("V").attribute("level", 3));
            crm.customers().delete(c.id());
            crm.attributes().define(AttributeDefinition.of("level", AttributeType.TEXT));
            crm.attributes().remove("level");
            assertThat(crm.attributes().list()).isEmpty();
        }
    }
}
