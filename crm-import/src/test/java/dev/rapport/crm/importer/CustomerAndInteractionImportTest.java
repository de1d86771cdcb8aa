package dev.rapport.crm.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.SourceRef;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerAndInteractionImportTest {
    Crm crm;
    final List<Reject> rejects = new ArrayList<>();

    @BeforeEach
    void setUp() {
        crm = Crm.builder()
                .storage(InMemoryStorage.create())
                .defaultPhoneRegion("GB")
                .build();
        crm.attributes()
                .define(AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("gold", "silver"));
    }

    static CustomerMapping customers() {
        return CustomerMapping.builder()
                .externalId("legacy", "id")
                .email("email")
                .phone("phone")
                .name("name")
                .attribute("tier", "tier")
                .tags("tags", ";")
                .build();
    }

    @Test
    void customers_areCreatedThenUpdatedOrLeftAlone_andBadRowsReported() {
        String first = "id,name,email,phone,tier,tags\n"
                + "1,Ada Lovelace,ada@example.com,020 7946 0000,gold,vip;early\n"
                + "2,Grace Hopper,grace@example.com,,silver,\n"
                + "3,No Email,not-an-address,,,\n"
                + ",Nobody,nobody@example.com,,,\n"
                + "4,Bad Tier,alan@example.com,,bronze,\n";
        ImportSummary s = CsvImporter.of(crm).importCustomers(new StringReader(first), customers(), rejects::add);
        assertThat(s.rowsRead()).isEqualTo(5);
        assertThat(s.rowsRejected()).isEqualTo(3);
        assertThat(s.customers()).isEqualTo(new ImportSummary.Counts(2, 0, 0, 2));
        assertThat(rejects).extracting(Reject::line).containsExactly(5L, 4L, 6L);
        assertThat(rejects.get(0)).isEqualTo(new Reject(5, "id", "is empty: the row has no key identity"));
        assertThat(rejects.get(1).reason()).contains("identities[1]");
        assertThat(rejects.get(2).reason()).contains("attributes.tier");
        Customer ada = crm.customers().findByPhone("+442079460000").orElseThrow();
        assertThat(ada.displayName()).isEqualTo("Ada Lovelace");
        assertThat(ada.tags()).containsExactly("early", "vip");
        String second = "id,name,email,phone,tier,tags\n"
                + "1,Ada Lovelace,ada@example.com,020 7946 0000,silver,vip\n"
                + "2,Grace Hopper,grace@example.com,,silver,\n";
        ImportSummary again = CsvImporter.of(crm).importCustomers(new StringReader(second), customers(), r -> {});
        assertThat(again.customers()).isEqualTo(new ImportSummary.Counts(0, 1, 1, 0));
        assertThat(crm.customers().get(ada.id()).attributes())
                .containsEntry("tier", new AttributeValue.Choice("silver"));
    }

    @Test
    void interactions_areRecordedOnce_andUnknownCustomersReported() {
        CsvImporter.of(crm)
                .importCustomers(
                        new StringReader("id,name,email,phone,tier,tags\n1,Ada,ada@example.com,,,\n"),
                        customers(),
                        r -> {});
        InteractionMapping mapping = InteractionMapping.builder()
                .source("helpdesk", "ticket")
                .customerEmail("email")
                .channelColumn("channel")
                .direction(Direction.INBOUND)
                .occurredAt("at", null, ZoneId.of("UTC"))
                .content("subject", "body")
                .build();
        String csv = "ticket,email,channel,at,subject,body\n"
                + "T1,ADA@example.com,email,2026-01-02T10:00:00Z,Hello,\"multi\nline\"\n"
                + "T2,ada@example.com,carrier pigeon,2026-01-02T11:00:00Z,,\n"
                + "T3,who@example.com,phone,2026-01-02T12:00:00Z,,\n"
                + "T4,ada@example.com,in person,2026-01-02T13:00:00+01:00,,\n";
        StringWriter report = new StringWriter();
        RejectReport sink = RejectReport.to(report);
        ImportSummary s = CsvImporter.of(crm).batchSize(2).importInteractions(new StringReader(csv), mapping, sink);
        assertThat(s.interactions()).isEqualTo(new ImportSummary.Counts(2, 0, 0, 0));
        assertThat(s.rowsRejected()).isEqualTo(2);
        assertThat(sink.count()).isEqualTo(2);
        assertThat(report.toString())
                .isEqualTo("line,column,reason\n"
                        + "4,channel,\"is not one of [email, phone, sms, chat, messaging, social, web, in_person, other]\"\n"
                        + "5,email,no customer holds this identity\n");
        Interaction t1 =
                crm.interactions().findBySource(SourceRef.of("helpdesk", "T1")).orElseThrow();
        assertThat(t1.body()).isEqualTo("multi\nline");
        assertThat(t1.channel()).isEqualTo(Channel.EMAIL);
        assertThat(crm.interactions()
                        .findBySource(SourceRef.of("helpdesk", "T4"))
                        .orElseThrow()
                        .occurredAt())
                .isEqualTo(java.time.Instant.parse("2026-01-02T12:00:00Z"));
        ImportSummary again = CsvImporter.of(crm).importInteractions(new StringReader(csv), mapping, r -> {});
        assertThat(again.interactions()).isEqualTo(new ImportSummary.Counts(0, 0, 2, 0));
        assertThat(crm.customers().findByIdentity(Identity.email("ada@example.com")))
                .isPresent();
    }
}
