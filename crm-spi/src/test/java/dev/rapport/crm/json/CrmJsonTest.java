package dev.rapport.crm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ChannelConsent;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerDeleted;
import dev.rapport.crm.model.event.CustomerIdentityAdded;
import dev.rapport.crm.model.event.CustomerIdentityRemoved;
import dev.rapport.crm.model.event.CustomerStageChanged;
import dev.rapport.crm.model.event.CustomerUpdated;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CrmJsonTest {
    private static final TenantId TENANT = TenantId.parse("01930000-0000-7000-8000-00000000000a");
    private static final CustomerId CUSTOMER = CustomerId.parse("01930000-0000-7000-8000-00000000000b");
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");

    private static EventId eventId(int n) {
        return new EventId(new UUID(0x0193000000007000L, 0x8000000000000000L | n));
    }

    @Test
    void everyEventType_roundTrips_withItsStableTypeName() {
        List<CrmEvent> events = List.of(
                new CustomerCreated(eventId(1), TENANT, AT, CUSTOMER, 1),
                new CustomerUpdated(eventId(2), TENANT, AT, CUSTOMER, 2, List.of("displayName", "attributes.tier")),
                new CustomerIdentityAdded(eventId(3), TENANT, AT, CUSTOMER, 3, Identity.email("ada@example.com")),
                new CustomerIdentityRemoved(eventId(4), TENANT, AT, CUSTOMER, 4, Identity.social("x", "ada")),
                new CustomerStageChanged(
                        eventId(5), TENANT, AT, CUSTOMER, 5, LifecycleStage.LEAD, LifecycleStage.CUSTOMER),
                new CustomerDeleted(eventId(6), TENANT, AT, CUSTOMER, 5));
        for (CrmEvent event : events) {
            String json = CrmJson.write(event);
            assertThat(json).contains("\"type\":\"" + event.type() + "\"").doesNotContain("dev.rapport");
            assertThat(CrmJson.read(json, CrmEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void customerWithEveryAttributeType_roundTrips() {
        Customer customer = new Customer(
                CUSTOMER,
                3,
                AT,
                AT.plusSeconds(60),
                "Ada Lovelace 👩‍💻",
                "Ada",
                null,
                List.of(Identity.email("Ada@Example.com"), Identity.phone("+442079460000")),
                new Preferences(
                        Channel.EMAIL,
                        "en-GB",
                        ZoneId.of("Europe/London"),
                        Map.of(Channel.SMS, new ChannelConsent(true, AT, "signup-form"))),
                LifecycleStage.CUSTOMER,
                List.of("vip", "newsletter"),
                Map.of(
                        "note", new AttributeValue.Text("likes \"maths\""),
                        "visits", new AttributeValue.Int(Long.MAX_VALUE),
                        "spend", new AttributeValue.Decimal(new BigDecimal("0.000123456789012345")),
                        "vip", new AttributeValue.Bool(true),
                        "born", new AttributeValue.Date(LocalDate.of(1815, 12, 10)),
                        "seen", new AttributeValue.Timestamp(AT),
                        "tier", new AttributeValue.Choice("gold"),
                        "langs", new AttributeValue.TextList(List.of("en", "fr"))));
        String json = CrmJson.write(customer);
        assertThat(json).contains("\"type\":\"decimal\"", "\"type\":\"text_list\"", CUSTOMER.toString());
        assertThat(CrmJson.read(json, Customer.class)).isEqualTo(customer);
    }

    @Test
    void decimals_areWrittenPlain_neverInExponentForm() {
        String json = CrmJson.write(new AttributeValue.Decimal(new BigDecimal("1E+3")));
        assertThat(json).contains("1000").doesNotContain("E");
    }

    @Test
    void read_toleratesUnknownProperties_soOldReadersSurviveNewFields() {
        String json = "{\"type\":\"customer.created\",\"id\":\"" + eventId(1) + "\",\"tenantId\":\"" + TENANT
                + "\",\"occurredAt\":\"2026-11-23T10:15:30.123456Z\",\"customerId\":\"" + CUSTOMER
                + "\",\"version\":1,\"addedInAFutureRelease\":{\"x\":[1,2]}}";
        assertThat(CrmJson.read(json, CrmEvent.class))
                .isEqualTo(new CustomerCreated(eventId(1), TENANT, AT, CUSTOMER, 1));
    }

    @Test
    void read_refusesClassNamesAndUnknownTypes() {
        assertThatThrownBy(() -> CrmJson.read("{\"type\":\"java.lang.ProcessBuilder\"}", CrmEvent.class))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> CrmJson.read("{\"type\":\"customer.exploded\"}", CrmEvent.class))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void attributeDefinition_roundTrips() {
        AttributeDefinition d = AttributeDefinition.of("tier", AttributeType.CHOICE)
                .withChoices("gold", "silver")
                .asRequired();
        assertThat(CrmJson.read(CrmJson.write(d), AttributeDefinition.class)).isEqualTo(d);
    }
}
