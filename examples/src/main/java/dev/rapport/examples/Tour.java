package dev.rapport.examples;

import static dev.rapport.crm.query.CustomerCriteria.and;
import static dev.rapport.crm.query.CustomerCriteria.attribute;
import static dev.rapport.crm.query.CustomerCriteria.hasTag;
import static dev.rapport.crm.query.CustomerCriteria.stageIn;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.events.EventCursor;
import dev.rapport.crm.events.EventPage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.query.Page;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Map;

/** The same walk through the customer API, on whatever storage the caller built the Crm with. */
final class Tour {
    private Tour() {}

    static void run(Crm crm, PrintStream out) {
        crm.attributes()
                .define(AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("gold", "silver"));

        Customer ada = crm.customers()
                .create(NewCustomer.named("Ada Lovelace")
                        .names("Ada", "Lovelace")
                        .email("Ada@Example.com")
                        .phone("020 7946 0000")
                        .social("x", "@ada")
                        .prefers(Channel.EMAIL, "en-GB", ZoneId.of("Europe/London"))
                        .consent("signup-form", Map.of(Channel.EMAIL, true, Channel.SMS, false))
                        .stage(LifecycleStage.CUSTOMER)
                        .tags("VIP", "early adopter")
                        .attribute("tier", "gold"));
        Customer grace = crm.customers()
                .create(NewCustomer.named("Grace Hopper")
                        .email("grace@example.com")
                        .tags("vip"));
        Customer alan = crm.customers()
                .create(NewCustomer.named("Alan Turing")
                        .phone("+44 161 496 0000")
                        .externalId("legacy-crm", "A-1912"));
        out.printf(
                "created %s (phone stored as %s), %s, %s%n",
                ada.displayName(), ada.primaryPhone().orElseThrow(), grace.displayName(), alan.displayName());

        out.printf(
                "found by email ADA@EXAMPLE.COM: %s%n",
                crm.customers()
                        .findByEmail("ADA@EXAMPLE.COM")
                        .map(Customer::displayName)
                        .orElse("nobody"));
        out.printf(
                "found by phone +44 20 7946 0000: %s%n",
                crm.customers()
                        .findByPhone("+44 20 7946 0000")
                        .map(Customer::displayName)
                        .orElse("nobody"));

        try {
            crm.customers().create(NewCustomer.named("Impostor").email("ada@example.com"));
        } catch (IdentityConflictException e) {
            out.printf("refused a second holder of Ada's email: %s%n", e.getMessage());
        }
        try {
            crm.customers()
                    .create(NewCustomer.named(" ")
                            .email("not-an-email")
                            .phone("12")
                            .attribute("tier", "platinum"));
        } catch (ValidationException e) {
            out.printf("refused bad input, every field at once: %s%n", e.violations());
        }

        Customer updated = crm.customers()
                .update(
                        grace.id(),
                        grace.version(),
                        CustomerPatch.builder()
                                .givenName("Grace")
                                .familyName("Hopper")
                                .consent(Channel.EMAIL, true, "preference-centre")
                                .build());
        crm.customers().changeStage(grace.id(), LifecycleStage.CUSTOMER);
        crm.customers().setAttributes(grace.id(), Map.of("tier", "silver"));
        out.printf("updated %s to version %d, then moved her to CUSTOMER%n", updated.displayName(), updated.version());

        Page<Customer> vips = crm.customers()
                .list(CustomerQuery.where(and(stageIn(LifecycleStage.CUSTOMER), hasTag("vip")))
                        .sortedBy(CustomerSort.NAME)
                        .limit(10));
        out.printf(
                "VIP customers by name: %s%n",
                vips.items().stream().map(Customer::displayName).toList());
        out.printf(
                "customers in tier gold or silver: %d%n",
                crm.customers().count(attribute("tier").in("gold", "silver")));

        EventPage events = crm.events().read(EventCursor.beginning(), 100);
        out.printf("event log holds %d events up to %s:%n", events.events().size(), events.next());
        events.events()
                .forEach(e -> out.printf(
                        "  #%d %s %s%n",
                        e.position(), e.event().type(), e.event().id()));
    }
}
