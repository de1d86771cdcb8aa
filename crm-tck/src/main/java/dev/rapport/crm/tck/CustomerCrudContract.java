package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ChannelConsent;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerDeleted;
import dev.rapport.crm.model.event.CustomerStageChanged;
import dev.rapport.crm.model.event.CustomerUpdated;
import dev.rapport.crm.query.CustomerCriteria;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Customers through the facade: create, read, update (patch, expected version), delete, the
 * validation of every field, and the precision of what is stored.
 *
 * @since 0.1
 */
public abstract class CustomerCrudContract extends ContractSupport {

    /** @return a customer with every field set */
    private Customer createFull() {
        for (var d : List.of(
                AttributeDefinition.of("note", AttributeType.TEXT),
                AttributeDefinition.of("visits", AttributeType.INTEGER),
                AttributeDefinition.of("score", AttributeType.DECIMAL),
                AttributeDefinition.of("vip", AttributeType.BOOLEAN),
                AttributeDefinition.of("since", AttributeType.DATE),
                AttributeDefinition.of("seen", AttributeType.TIMESTAMP),
                AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("bronze", "gold"),
                AttributeDefinition.of("langs", AttributeType.TEXT_LIST))) {
            crm.attributes().define(d);
        }
        return crm.customers()
                .create(NewCustomer.named("Ada Lovelace")
                        .names("Ada", "King")
                        .email("Ada@Example.com")
                        .phone("020 7946 0000")
                        .social("x", "@AdaL")
                        .externalId("legacy-crm", "A-17")
                        .prefers(Channel.EMAIL, "en-GB", ZoneId.of("Europe/London"))
                        .consent("signup-form", Map.of(Channel.EMAIL, true, Channel.SMS, false))
                        .stage(LifecycleStage.PROSPECT)
                        .tags("VIP", "newsletter")
                        .attribute("note", "first programmer")
                        .attribute("visits", 42)
                        .attribute("score", new BigDecimal("12.50"))
                        .attribute("vip", true)
                        .attribute("since", LocalDate.of(1843, 7, 10))
                        .attribute("seen", Instant.parse("2026-01-02T03:04:05.123456789Z"))
                        .attribute("tier", "gold")
                        .attribute("langs", List.of("en", "fr")));
    }

    @Nested
    @DisplayName("create and read")
    class CreateAndRead {
        @Test
        @DisplayName("a new customer has version 1 and both timestamps from the clock, truncated to microseconds")
        void create_startsAtVersionOneWithClockTimestamps() {
            Customer c = crm.customers().create(NewCustomer.named("Ada"));
            Instant expected = START.truncatedTo(ChronoUnit.MICROS);
            assertThat(c.version()).isEqualTo(1);
            assertThat(c.createdAt()).isEqualTo(expected);
            assertThat(c.updatedAt()).isEqualTo(expected);
            assertThat(c.stage()).isEqualTo(LifecycleStage.LEAD);
            assertThat(crm.customers().get(c.id())).isEqualTo(c);
        }

        @Test
        @DisplayName("every field a customer can hold reads back equal")
        void create_roundTripsEveryField() {
            Customer c = createFull();
            assertThat(c.displayName()).isEqualTo("Ada Lovelace");
            assertThat(c.givenName()).isEqualTo("Ada");
            assertThat(c.familyName()).isEqualTo("King");
            assertThat(c.identities())
                    .containsExactly(
                            Identity.email("Ada@Example.com"),
                            Identity.phone("+442079460000"),
                            Identity.social("x", "@AdaL"),
                            Identity.external("legacy-crm", "A-17"));
            assertThat(c.tags()).containsExactly("newsletter", "vip");
            assertThat(c.attributes())
                    .containsEntry("score", new AttributeValue.Decimal(new BigDecimal("12.5")))
                    .containsEntry("seen", new AttributeValue.Timestamp(Instant.parse("2026-01-02T03:04:05.123456Z")))
                    .containsEntry("tier", new AttributeValue.Choice("gold"))
                    .containsEntry("langs", new AttributeValue.TextList(List.of("en", "fr")))
                    .hasSize(8);
            assertThat(crm.customers().get(c.id())).isEqualTo(c);
            assertThat(crm.customers().find(c.id())).contains(c);
        }

        @Test
        @DisplayName("creation instants round-trip to the microsecond, from 1970 to the year 9999")
        void timestamps_roundTripToTheMicrosecondFarIntoTheFuture() {
            for (Instant t : List.of(
                    Instant.parse("9999-12-31T23:59:59.999999999Z"),
                    Instant.parse("1970-01-01T00:00:00.000001500Z"),
                    Instant.parse("2038-01-19T03:14:08.000001Z"))) {
                clock.set(t);
                Customer c = crm.customers().create(NewCustomer.named("T " + t));
                assertThat(c.createdAt()).isEqualTo(t.truncatedTo(ChronoUnit.MICROS));
                assertThat(crm.customers().get(c.id()).createdAt()).isEqualTo(t.truncatedTo(ChronoUnit.MICROS));
            }
        }

        @Test
        @DisplayName("a customer nobody created is not found: get throws, find is empty")
        void get_throwsNotFoundForUnknownId() {
            CustomerId unknown = CustomerId.of(UUID.randomUUID());
            assertThat(crm.customers().find(unknown)).isEmpty();
            thrown(NotFoundException.class, () -> crm.customers().get(unknown));
        }

        @Test
        @DisplayName("the view build() returns works in the default tenant, apart from other tenants")
        void defaultTenant_isATenantLikeAnyOther() {
            Crm single = builder(storage).build();
            assertThat(single.tenant()).isEqualTo(TenantId.DEFAULT);
            Customer c = single.customers().create(NewCustomer.named("Default"));
            assertThat(single.customers().get(c.id())).isEqualTo(c);
            assertThat(crm.customers().find(c.id())).isEmpty();
            single.customers().delete(c.id());
        }

        @Test
        @DisplayName("count and listing see exactly the created customers")
        void count_equalsCreatedCustomers() {
            List<CustomerId> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(crm.customers().create(NewCustomer.named("C" + i)).id());
            }
            assertThat(crm.customers().count(CustomerCriteria.all())).isEqualTo(5);
            assertThat(listAll(crm)).extracting(Customer::id).containsExactlyElementsOf(ids);
        }
    }

    @Nested
    @DisplayName("update")
    class Update {
        @Test
        @DisplayName("a patch changes only the fields it names, adds one to the version and stamps updatedAt")
        void update_changesOnlyGivenFields() {
            Customer before = createFull();
            clock.advance(Duration.ofSeconds(5));
            Customer after = crm.customers()
                    .update(
                            before.id(),
                            1,
                            CustomerPatch.builder().displayName("Ada King").build());
            assertThat(after.version()).isEqualTo(2);
            assertThat(after.displayName()).isEqualTo("Ada King");
            assertThat(after.createdAt()).isEqualTo(before.createdAt());
            assertThat(after.updatedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
            assertThat(after)
                    .usingRecursiveComparison()
                    .ignoringFields("version", "updatedAt", "displayName")
                    .isEqualTo(before);
            assertThat(crm.customers().get(before.id())).isEqualTo(after);
            assertThat(listener.events(CustomerUpdated.class)).singleElement().satisfies(e -> {
                assertThat(e.changedFields()).containsExactly("displayName");
                assertThat(e.version()).isEqualTo(2);
            });
        }

        @Test
        @DisplayName("a patch can clear optional fields and change preferences")
        void update_clearsFieldsAndChangesPreferences() {
            Customer before = createFull();
            Customer after = crm.customers()
                    .update(
                            before.id(),
                            1,
                            CustomerPatch.builder()
                                    .clearGivenName()
                                    .language("fr-ca")
                                    .timeZone(ZoneId.of("America/Montreal"))
                                    .preferredChannel(null)
                                    .build());
            assertThat(after.givenName()).isNull();
            assertThat(after.familyName()).isEqualTo("King");
            assertThat(after.preferences().language()).isEqualTo("fr-CA");
            assertThat(after.preferences().timeZone()).isEqualTo(ZoneId.of("America/Montreal"));
            assertThat(after.preferences().preferredChannel()).isNull();
            assertThat(crm.customers().get(before.id())).isEqualTo(after);
            assertThat(listener.events(CustomerUpdated.class).get(0).changedFields())
                    .containsExactly("givenName", "preferences");
        }

        @Test
        @DisplayName("successive updates count versions up by one each")
        void update_incrementsVersionEachTime() {
            Customer c = crm.customers().create(NewCustomer.named("V"));
            for (int i = 1; i <= 5; i++) {
                c = crm.customers()
                        .update(
                                c.id(),
                                c.version(),
                                CustomerPatch.builder().displayName("V" + i).build());
                assertThat(c.version()).isEqualTo(i + 1);
            }
            assertThat(crm.customers().get(c.id()).version()).isEqualTo(6);
        }

        @Test
        @DisplayName("a patch that changes nothing returns the same version and records no event")
        void update_noOpPatchKeepsVersionAndWritesNoEvent() {
            Customer c = crm.customers().create(NewCustomer.named("Same").names("Sam", null));
            int told = listener.events().size();
            clock.advance(Duration.ofMinutes(1));
            Customer same = crm.customers()
                    .update(
                            c.id(),
                            1,
                            CustomerPatch.builder()
                                    .displayName("  Same ")
                                    .givenName("Sam")
                                    .build());
            Customer empty =
                    crm.customers().update(c.id(), 1, CustomerPatch.builder().build());
            assertThat(same).isEqualTo(c);
            assertThat(empty).isEqualTo(c);
            assertThat(crm.customers().get(c.id())).isEqualTo(c);
            assertThat(listener.events()).hasSize(told);
            assertThat(eventLog(crm)).hasSize(1);
        }

        @Test
        @DisplayName("an update based on a stale version is refused with ConcurrencyException and writes nothing")
        void update_rejectsStaleVersion() {
            Customer c = crm.customers().create(NewCustomer.named("Stale"));
            crm.customers()
                    .update(
                            c.id(),
                            1,
                            CustomerPatch.builder().displayName("Fresh").build());
            assertRefusedWithoutWrites(crm, ConcurrencyException.class, () -> crm.customers()
                    .update(
                            c.id(),
                            1,
                            CustomerPatch.builder().displayName("Late").build()));
            thrown(ConcurrencyException.class, () -> crm.customers()
                    .update(
                            c.id(),
                            3,
                            CustomerPatch.builder().displayName("Future").build()));
            assertThat(crm.customers().get(c.id()).displayName()).isEqualTo("Fresh");
        }

        @Test
        @DisplayName("updating a customer that does not exist throws NotFoundException")
        void update_throwsNotFoundForUnknownId() {
            thrown(NotFoundException.class, () -> crm.customers()
                    .update(
                            CustomerId.of(UUID.randomUUID()),
                            1,
                            CustomerPatch.builder().displayName("X").build()));
        }
    }

    @Nested
    @DisplayName("delete")
    class Delete {
        @Test
        @DisplayName("a deleted customer is gone for every read and every command")
        void delete_makesCustomerNotFoundEverywhere() {
            crm.attributes().define(AttributeDefinition.of("visits", AttributeType.INTEGER));
            Customer keep = crm.customers().create(NewCustomer.named("Keep"));
            Customer c = crm.customers().create(NewCustomer.named("Gone").email("gone@example.com"));
            crm.customers().delete(c.id());
            CustomerId id = c.id();
            assertThat(crm.customers().find(id)).isEmpty();
            assertThat(crm.customers().findByEmail("gone@example.com")).isEmpty();
            assertThat(crm.customers().count(CustomerCriteria.all())).isEqualTo(1);
            assertThat(listAll(crm)).containsExactly(keep);
            thrown(NotFoundException.class, () -> crm.customers().get(id));
            thrown(NotFoundException.class, () -> crm.customers().delete(id));
            thrown(NotFoundException.class, () -> crm.customers()
                    .update(id, 1, CustomerPatch.builder().displayName("Back").build()));
            thrown(NotFoundException.class, () -> crm.customers().tag(id, "x"));
            thrown(NotFoundException.class, () -> crm.customers().untag(id, "x"));
            thrown(NotFoundException.class, () -> crm.customers().changeStage(id, LifecycleStage.CHURNED));
            thrown(NotFoundException.class, () -> crm.customers().addIdentity(id, Identity.email("a@example.com")));
            thrown(NotFoundException.class, () -> crm.customers().removeIdentity(id, Identity.email("a@example.com")));
            thrown(NotFoundException.class, () -> crm.customers().setAttributes(id, Map.of("visits", 1)));
            thrown(NotFoundException.class, () -> crm.customers().clearAttributes(id, "visits"));
            assertThat(listener.events(CustomerDeleted.class)).singleElement().satisfies(e -> {
                assertThat(e.customerId()).isEqualTo(id);
                assertThat(e.version()).isEqualTo(1);
            });
        }

        @Test
        @DisplayName("deleting a customer that does not exist throws NotFoundException and records nothing")
        void delete_throwsNotFoundForUnknownId() {
            assertRefusedWithoutWrites(
                    crm, NotFoundException.class, () -> crm.customers().delete(CustomerId.of(UUID.randomUUID())));
        }
    }

    @Nested
    @DisplayName("validation")
    class Validation {
        @Test
        @DisplayName("one command with a blank name, a bad email, a bad phone and an unknown attribute lists all four")
        void create_reportsEveryViolationAtOnce() {
            ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.customers()
                    .create(NewCustomer.named("   ")
                            .email("not-an-email")
                            .phone("12")
                            .attribute("nope", 1)));
            assertThat(paths(e))
                    .containsExactlyInAnyOrder("displayName", "identities[0]", "identities[1]", "attributes.nope");
            assertThat(e.violations()).allSatisfy(v -> assertThat(v.reason()).isNotBlank());
        }

        @Test
        @DisplayName("every invalid field of the customer itself is listed in one ValidationException")
        void create_reportsEveryInvalidOwnField() {
            ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.customers()
                    .create(NewCustomer.named("")
                            .names("x".repeat(101), "ok")
                            .email("a@@b")
                            .phone("not a phone")
                            .tags("#bad")
                            .prefers(null, "!!", ZoneOffset.ofHours(2))));
            assertThat(paths(e))
                    .contains(
                            "displayName",
                            "givenName",
                            "identities[0]",
                            "identities[1]",
                            "tags[0]",
                            "language",
                            "timeZone");
        }

        @Test
        @DisplayName("names are trimmed, Unicode is kept as given, and lengths count code points")
        void names_areTrimmedAndKeptAsGiven() {
            String emoji = "\uD83D\uDE00".repeat(200);
            Customer c = crm.customers()
                    .create(NewCustomer.named("  Zoë Ωmega İlker  ").names(" Łukasz ", "Straße"));
            assertThat(c.displayName()).isEqualTo("Zoë Ωmega İlker");
            assertThat(c.givenName()).isEqualTo("Łukasz");
            assertThat(c.familyName()).isEqualTo("Straße");
            assertThat(crm.customers().get(c.id())).isEqualTo(c);
            Customer longest = crm.customers().create(NewCustomer.named(emoji));
            assertThat(crm.customers().get(longest.id()).displayName()).isEqualTo(emoji);
            ValidationException e = thrown(ValidationException.class, () -> crm.customers()
                    .create(NewCustomer.named(emoji + "x").names("y".repeat(101), null)));
            assertThat(paths(e)).containsExactlyInAnyOrder("displayName", "givenName");
            thrown(ValidationException.class, () -> crm.customers().create(NewCustomer.named("bell\u0007")));
        }

        @Test
        @DisplayName("an update with a blank display name is refused and writes nothing")
        void update_rejectsBlankName() {
            Customer c = crm.customers().create(NewCustomer.named("Named"));
            ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.customers()
                    .update(
                            c.id(),
                            1,
                            CustomerPatch.builder()
                                    .displayName(" ")
                                    .language("??")
                                    .build()));
            assertThat(paths(e)).containsExactlyInAnyOrder("displayName", "language");
        }
    }

    @Nested
    @DisplayName("preferences and consent")
    class Preferences {
        @Test
        @DisplayName("language tags are canonicalised to BCP 47 form; malformed tags are refused")
        void language_isCanonicalised() {
            Customer c = crm.customers().create(NewCustomer.named("L").prefers(null, "zh-hant-tw", null));
            assertThat(c.preferences().language()).isEqualTo("zh-Hant-TW");
            assertThat(crm.customers().get(c.id()).preferences().language()).isEqualTo("zh-Hant-TW");
            ValidationException e = thrown(ValidationException.class, () -> crm.customers()
                    .create(NewCustomer.named("L").prefers(null, "english please", null)));
            assertThat(paths(e)).containsExactly("language");
        }

        @Test
        @DisplayName("time zones must be IANA region ids; fixed offsets are refused")
        void timeZone_acceptsRegionIdsOnly() {
            Customer c =
                    crm.customers().create(NewCustomer.named("Z").prefers(null, null, ZoneId.of("Asia/Kathmandu")));
            assertThat(crm.customers().get(c.id()).preferences().timeZone()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
            for (ZoneId fixed : List.of(ZoneOffset.ofHours(2), ZoneId.of("UTC+05:30"), ZoneOffset.UTC)) {
                ValidationException e = thrown(ValidationException.class, () -> crm.customers()
                        .create(NewCustomer.named("Z").prefers(null, null, fixed)));
                assertThat(paths(e)).containsExactly("timeZone");
            }
        }

        @Test
        @DisplayName("opt-ins are recorded with the clock's time and their source; a change restamps only that channel")
        void consent_isRecordedWithTimeAndSource() {
            Customer c = crm.customers()
                    .create(NewCustomer.named("C")
                            .consent(" signup-form ", Map.of(Channel.EMAIL, true, Channel.SMS, false)));
            Instant t0 = START.truncatedTo(ChronoUnit.MICROS);
            assertThat(c.preferences().consents())
                    .containsEntry(Channel.EMAIL, new ChannelConsent(true, t0, "signup-form"))
                    .containsEntry(Channel.SMS, new ChannelConsent(false, t0, "signup-form"))
                    .hasSize(2);
            assertThat(crm.customers().get(c.id())).isEqualTo(c);
            Instant t1 = clock.advance(Duration.ofDays(3)).truncatedTo(ChronoUnit.MICROS);
            Customer after = crm.customers()
                    .update(
                            c.id(),
                            1,
                            CustomerPatch.builder()
                                    .consent(Channel.SMS, true, "agent:42")
                                    .consent(Channel.EMAIL, true, "agent:42")
                                    .build());
            assertThat(after.preferences().consents())
                    .containsEntry(Channel.EMAIL, new ChannelConsent(true, t0, "signup-form"))
                    .containsEntry(Channel.SMS, new ChannelConsent(true, t1, "agent:42"));
            assertThat(after.preferences().optedIn(Channel.SMS)).isTrue();
            assertThat(crm.customers().get(c.id())).isEqualTo(after);
            ValidationException e = thrown(ValidationException.class, () -> crm.customers()
                    .create(NewCustomer.named("C").consent(" ", Map.of(Channel.EMAIL, true))));
            assertThat(paths(e)).containsExactly("consentSource");
        }
    }

    @Nested
    @DisplayName("tags and stage")
    class TagsAndStage {
        @Test
        @DisplayName("tags are trimmed, lower-cased, inner spaces become '-', duplicates collapse, sorted")
        void tags_areNormalised() {
            Customer c = crm.customers().create(NewCustomer.named("T").tags("  VIP Customer ", "vip customer", "Été"));
            assertThat(c.tags()).containsExactly("vip-customer", "été");
            assertThat(crm.customers().get(c.id()).tags()).containsExactly("vip-customer", "été");
            Customer tagged = crm.customers().tag(c.id(), "B2B", "vip-customer");
            assertThat(tagged.tags()).containsExactly("b2b", "vip-customer", "été");
            assertThat(tagged.version()).isEqualTo(2);
            Customer untagged = crm.customers().untag(c.id(), " VIP CUSTOMER");
            assertThat(untagged.tags()).containsExactly("b2b", "été");
            assertThat(crm.customers().get(c.id())).isEqualTo(untagged);
        }

        @Test
        @DisplayName("tagging with tags already held, or untagging absent ones, changes nothing and records nothing")
        void tags_noOpKeepsVersion() {
            Customer c = crm.customers().create(NewCustomer.named("T").tags("a"));
            int logSize = eventLog(crm).size();
            assertThat(crm.customers().tag(c.id(), "A")).isEqualTo(c);
            assertThat(crm.customers().untag(c.id(), "b")).isEqualTo(c);
            assertThat(eventLog(crm)).hasSize(logSize);
        }

        @Test
        @DisplayName("at most 50 tags of at most 64 characters, letters, digits and _ . : - only")
        void tags_areBounded() {
            String[] fifty = new String[50];
            for (int i = 0; i < 50; i++) {
                fifty[i] = "t" + i;
            }
            Customer c = crm.customers().create(NewCustomer.named("T").tags(fifty));
            assertThat(c.tags()).hasSize(50);
            assertRefusedWithoutWrites(
                    crm, ValidationException.class, () -> crm.customers().tag(c.id(), "one-more"));
            ValidationException e = thrown(ValidationException.class, () -> crm.customers()
                    .create(NewCustomer.named("T").tags(fifty).tags("t50")));
            assertThat(paths(e)).containsExactly("tags");
            ValidationException bad = thrown(ValidationException.class, () -> crm.customers()
                    .create(NewCustomer.named("T").tags("x".repeat(65), "#hash", " ", "ok")));
            assertThat(paths(bad)).containsExactlyInAnyOrder("tags[0]", "tags[1]", "tags[2]");
            assertThat(crm.customers()
                            .create(NewCustomer.named("T").tags("x".repeat(64)))
                            .tags())
                    .containsExactly("x".repeat(64));
        }

        @Test
        @DisplayName("any stage may follow any other; each change records from and to; the same stage changes nothing")
        void changeStage_recordsFromAndTo() {
            Customer c = crm.customers().create(NewCustomer.named("S"));
            Customer v = c;
            LifecycleStage from = LifecycleStage.LEAD;
            for (LifecycleStage to : List.of(
                    LifecycleStage.CHURNED, LifecycleStage.PROSPECT, LifecycleStage.AT_RISK, LifecycleStage.CUSTOMER)) {
                v = crm.customers().changeStage(c.id(), to);
                assertThat(v.stage()).isEqualTo(to);
                CustomerStageChanged e = listener.events(CustomerStageChanged.class)
                        .get(listener.events(CustomerStageChanged.class).size() - 1);
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
                assertThat(e.version()).isEqualTo(v.version());
                from = to;
            }
            assertThat(crm.customers().changeStage(c.id(), LifecycleStage.CUSTOMER))
                    .isEqualTo(v);
            assertThat(crm.customers().get(c.id())).isEqualTo(v);
            assertThat(v.version()).isEqualTo(5);
            assertThat(listener.events(CustomerCreated.class)).hasSize(1);
        }
    }
}
