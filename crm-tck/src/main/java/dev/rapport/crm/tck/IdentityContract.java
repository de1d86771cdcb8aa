package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.TenantSettings;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.IdentityKind;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.event.CustomerIdentityAdded;
import dev.rapport.crm.model.event.CustomerIdentityRemoved;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Identities (email, phone, social handle, external id): normalisation, matching, uniqueness per
 * tenant, adding and removing, and races between concurrent claimants.
 *
 * <p>System properties: {@code rapport.tck.identityRaceRounds} (default 40).
 *
 * @since 0.1
 */
public abstract class IdentityContract extends ContractSupport {

    /** One identity of each kind, as given, and the same identity written another way. */
    static Identity sample(IdentityKind kind) {
        return switch (kind) {
            case EMAIL -> Identity.email("Ada.L@Example.COM");
            case PHONE -> Identity.phone("020 7946 0000");
            case SOCIAL -> Identity.social("X", "@AdaL");
            case EXTERNAL -> Identity.external("Legacy-CRM", "A-17");
        };
    }

    static Identity sameWrittenOtherwise(IdentityKind kind) {
        return switch (kind) {
            case EMAIL -> Identity.email("  ada.l@example.com ");
            case PHONE -> Identity.phone("+44 20 7946 0000");
            case SOCIAL -> Identity.social("x", "adal");
            case EXTERNAL -> Identity.external("legacy-crm", "A-17");
        };
    }

    @Nested
    @DisplayName("normalisation and matching")
    class Matching {
        @Test
        @DisplayName("email addresses match case-insensitively but are stored as given")
        void email_matchesIgnoringCaseAndIsStoredAsGiven() {
            Customer c = crm.customers().create(NewCustomer.named("Ada").email(" Ada.L@Example.COM "));
            assertThat(c.primaryEmail()).contains("Ada.L@Example.COM");
            assertThat(crm.customers().get(c.id()).primaryEmail()).contains("Ada.L@Example.COM");
            assertThat(crm.customers().findByEmail("ada.l@example.com")).contains(c);
            assertThat(crm.customers().findByEmail("ADA.L@EXAMPLE.COM")).contains(c);
            assertThat(crm.customers().findByEmail("ada.l@example.co")).isEmpty();
        }

        @Test
        @DisplayName("phone numbers are stored in E.164, read with the tenant's default region")
        void phone_isNormalisedToE164WithTheTenantRegion() {
            Customer c = crm.customers().create(NewCustomer.named("Ada").phone("020 7946 0000"));
            assertThat(c.primaryPhone()).contains("+442079460000");
            assertThat(crm.customers().get(c.id()).primaryPhone()).contains("+442079460000");
            assertThat(crm.customers().findByPhone("+44 20 7946 0000")).contains(c);
            assertThat(crm.customers().findByPhone("02079460000")).contains(c);
            assertThat(crm.customers().findByPhone("020 7946 0001")).isEmpty();
        }

        @Test
        @DisplayName("a tenant with its own settings reads national numbers with its own region")
        void phone_usesPerTenantRegion() {
            TenantId us = newTenant();
            Crm engine = builder(storage)
                    .tenantSettings(t -> t.equals(us) ? TenantSettings.withPhoneRegion("US") : null)
                    .build();
            Customer american = engine.forTenant(us)
                    .customers()
                    .create(NewCustomer.named("Sam").phone("(201) 234-5678"));
            assertThat(american.primaryPhone()).contains("+12012345678");
            Customer british = engine.forTenant(newTenant())
                    .customers()
                    .create(NewCustomer.named("Ada").phone("020 7946 0000"));
            assertThat(british.primaryPhone()).contains("+442079460000");
        }

        @Test
        @DisplayName("invalid phone numbers are refused with a reason, and nothing is written")
        void phone_rejectsInvalidNumbersWithReason() {
            for (String bad : List.of("020 7946 000", "call me", "+999 1234", "")) {
                ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.customers()
                        .create(NewCustomer.named("Ada").phone(bad)));
                assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.path()).isEqualTo("identities[0]");
                    assertThat(v.reason()).containsIgnoringCase("phone");
                });
            }
        }

        @Test
        @DisplayName("social handles match on platform and handle, ignoring case and a leading @")
        void social_matchesIgnoringCaseAndAt() {
            Customer c = crm.customers().create(NewCustomer.named("Ada").social("X", "@AdaL"));
            assertThat(c.identities(IdentityKind.SOCIAL)).containsExactly(Identity.social("x", "@AdaL"));
            assertThat(crm.customers().findByIdentity(Identity.social("x", "adal")))
                    .contains(c);
            assertThat(crm.customers().findByIdentity(Identity.social("x", "@ADAL")))
                    .contains(c);
            assertThat(crm.customers().findByIdentity(Identity.social("reddit", "adal")))
                    .isEmpty();
            Customer other = crm.customers().create(NewCustomer.named("Ada R").social("reddit", "AdaL"));
            assertThat(crm.customers().findByIdentity(Identity.social("Reddit", "adal")))
                    .contains(other);
        }

        @Test
        @DisplayName("external ids match exactly (the system name ignores case)")
        void external_matchesExactly() {
            Customer upper = crm.customers().create(NewCustomer.named("U").externalId("legacy-crm", "A-17"));
            Customer lower = crm.customers().create(NewCustomer.named("L").externalId("legacy-crm", "a-17"));
            assertThat(crm.customers().findByIdentity(Identity.external("Legacy-CRM", "A-17")))
                    .contains(upper);
            assertThat(crm.customers().findByIdentity(Identity.external("legacy-crm", "a-17")))
                    .contains(lower);
            assertThat(crm.customers().findByIdentity(Identity.external("other", "A-17")))
                    .isEmpty();
        }

        @Test
        @DisplayName("the same identity given twice in one command is held once")
        void create_collapsesDuplicateIdentities() {
            Customer c = crm.customers()
                    .create(NewCustomer.named("Ada").email("ada@example.com").email("ADA@example.com"));
            assertThat(c.identities()).containsExactly(Identity.email("ada@example.com"));
            assertThat(crm.customers().get(c.id()).identities()).containsExactly(Identity.email("ada@example.com"));
        }

        @Test
        @DisplayName("identities stay findable after the customer's other fields change")
        void findByIdentity_survivesUpdates() {
            NewCustomer cmd = NewCustomer.named("Ada");
            for (IdentityKind k : IdentityKind.values()) {
                cmd = cmd.identity(sample(k));
            }
            Customer c = crm.customers().create(cmd);
            crm.customers()
                    .update(
                            c.id(),
                            1,
                            CustomerPatch.builder().displayName("Ada K").build());
            crm.customers().tag(c.id(), "vip");
            Customer now = crm.customers().get(c.id());
            for (IdentityKind k : IdentityKind.values()) {
                assertThat(crm.customers().findByIdentity(sameWrittenOtherwise(k)))
                        .as("find by %s", k)
                        .contains(now);
            }
        }
    }

    @Nested
    @DisplayName("uniqueness within a tenant")
    class Uniqueness {
        @ParameterizedTest(name = "{0}")
        @EnumSource(IdentityKind.class)
        @DisplayName("a second customer claiming a held identity gets IdentityConflictException naming the holder")
        void create_rejectsIdentityHeldByAnother(IdentityKind kind) {
            Customer holder = crm.customers().create(NewCustomer.named("Holder").identity(sample(kind)));
            IdentityConflictException e =
                    assertRefusedWithoutWrites(crm, IdentityConflictException.class, () -> crm.customers()
                            .create(NewCustomer.named("Claimant")
                                    .email("claimant@example.com")
                                    .identity(sameWrittenOtherwise(kind))));
            assertThat(e.existingCustomerId()).isEqualTo(holder.id());
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(crm.customers().findByEmail("claimant@example.com")).isEmpty();
        }

        @Test
        @DisplayName("a customer claiming a held email address, written in another case, is refused")
        void create_rejectsDuplicateEmail() {
            Customer ada = crm.customers().create(NewCustomer.named("Ada").email("ada@example.com"));
            IdentityConflictException e = thrown(IdentityConflictException.class, () -> crm.customers()
                    .create(NewCustomer.named("Imposter").email("ADA@EXAMPLE.COM")));
            assertThat(e.existingCustomerId()).isEqualTo(ada.id());
            assertThat(e.getMessage()).doesNotContainIgnoringCase("ada@example.com");
        }

        @Test
        @DisplayName("the same identities in another tenant belong to another customer")
        void identity_isUniquePerTenantOnly() {
            NewCustomer cmd = NewCustomer.named("Ada");
            for (IdentityKind k : IdentityKind.values()) {
                cmd = cmd.identity(sample(k));
            }
            Customer mine = crm.customers().create(cmd);
            Crm other = crm.forTenant(newTenant());
            Customer theirs = other.customers().create(cmd);
            assertThat(theirs.id()).isNotEqualTo(mine.id());
            for (IdentityKind k : IdentityKind.values()) {
                assertThat(crm.customers().findByIdentity(sample(k))).contains(mine);
                assertThat(other.customers().findByIdentity(sample(k))).contains(theirs);
            }
        }

        @Test
        @DisplayName("deleting a customer frees every identity it held")
        void delete_freesIdentities() {
            NewCustomer cmd = NewCustomer.named("Ada");
            for (IdentityKind k : IdentityKind.values()) {
                cmd = cmd.identity(sample(k));
            }
            Customer first = crm.customers().create(cmd);
            crm.customers().delete(first.id());
            for (IdentityKind k : IdentityKind.values()) {
                assertThat(crm.customers().findByIdentity(sample(k))).isEmpty();
            }
            Customer second = crm.customers().create(cmd);
            for (IdentityKind k : IdentityKind.values()) {
                assertThat(crm.customers().findByIdentity(sameWrittenOtherwise(k)))
                        .contains(second);
            }
        }
    }

    @Nested
    @DisplayName("adding and removing")
    class AddAndRemove {
        @ParameterizedTest(name = "{0}")
        @EnumSource(IdentityKind.class)
        @DisplayName("an added identity is held, findable, and recorded; adding it again changes nothing")
        void addIdentity_addsAndIsIdempotent(IdentityKind kind) {
            Customer c = crm.customers().create(NewCustomer.named("Ada"));
            Customer after = crm.customers().addIdentity(c.id(), sample(kind));
            assertThat(after.version()).isEqualTo(2);
            assertThat(after.identities(kind)).hasSize(1);
            assertThat(crm.customers().findByIdentity(sameWrittenOtherwise(kind)))
                    .contains(after);
            assertThat(crm.customers().addIdentity(c.id(), sameWrittenOtherwise(kind)))
                    .isEqualTo(after);
            assertThat(listener.events(CustomerIdentityAdded.class))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.customerId()).isEqualTo(c.id());
                        assertThat(e.version()).isEqualTo(2);
                        assertThat(e.identity())
                                .isEqualTo(after.identities(kind).get(0));
                    });
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(IdentityKind.class)
        @DisplayName("adding an identity another customer holds is refused, naming the holder, and writes nothing")
        void addIdentity_rejectsIdentityHeldByAnother(IdentityKind kind) {
            Customer holder = crm.customers().create(NewCustomer.named("Holder").identity(sample(kind)));
            Customer c = crm.customers().create(NewCustomer.named("Claimant"));
            IdentityConflictException e =
                    assertRefusedWithoutWrites(crm, IdentityConflictException.class, () -> crm.customers()
                            .addIdentity(c.id(), sameWrittenOtherwise(kind)));
            assertThat(e.existingCustomerId()).isEqualTo(holder.id());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(IdentityKind.class)
        @DisplayName(
                "a removed identity (matched like find) is free for another customer; removing it again changes nothing")
        void removeIdentity_freesIt(IdentityKind kind) {
            Customer c = crm.customers().create(NewCustomer.named("Ada").identity(sample(kind)));
            Identity held = c.identities().get(0);
            Customer after = crm.customers().removeIdentity(c.id(), sameWrittenOtherwise(kind));
            assertThat(after.identities()).isEmpty();
            assertThat(after.version()).isEqualTo(2);
            assertThat(crm.customers().findByIdentity(sample(kind))).isEmpty();
            assertThat(crm.customers().removeIdentity(c.id(), sample(kind))).isEqualTo(after);
            assertThat(listener.events(CustomerIdentityRemoved.class))
                    .singleElement()
                    .satisfies(e -> assertThat(e.identity()).isEqualTo(held));
            Customer next = crm.customers().create(NewCustomer.named("Next").identity(sample(kind)));
            assertThat(crm.customers().findByIdentity(sameWrittenOtherwise(kind)))
                    .contains(next);
        }

        @Test
        @DisplayName("an invalid identity is refused before anything is read or written")
        void addIdentity_rejectsInvalidIdentity() {
            Customer c = crm.customers().create(NewCustomer.named("Ada"));
            ValidationException e = assertRefusedWithoutWrites(
                    crm, ValidationException.class, () -> crm.customers().addIdentity(c.id(), Identity.email("nope")));
            assertThat(paths(e)).containsExactly("identity");
            thrown(ValidationException.class, () -> crm.customers().findByIdentity(Identity.phone("nope")));
        }
    }

    @Nested
    @DisplayName("races")
    class Races {
        private <T> List<Object> race(ExecutorService pool, CyclicBarrier barrier, List<Callable<T>> tasks)
                throws Exception {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        }

        @Test
        @DisplayName("two threads creating customers with the same email: exactly one wins, the other is told who")
        void create_raceOnSameEmail_exactlyOneWins() throws Exception {
            int rounds = Seeds.intProperty("rapport.tck.identityRaceRounds", 40);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CyclicBarrier barrier = new CyclicBarrier(2);
                for (int round = 0; round < rounds; round++) {
                    String email = "race" + round + "@example.com";
                    List<Object> results = race(
                            pool,
                            barrier,
                            List.of(
                                    () -> crm.customers()
                                            .create(NewCustomer.named("A").email(email)),
                                    () -> crm.customers()
                                            .create(NewCustomer.named("B")
                                                    .email(email.toUpperCase(java.util.Locale.ROOT)))));
                    assertExactlyOneWins(results, "round " + round);
                    Customer winner = winner(results);
                    assertThat(crm.customers().findByEmail(email)).contains(winner);
                }
                assertThat(crm.customers().count(dev.rapport.crm.query.CustomerCriteria.all()))
                        .isEqualTo(rounds);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @DisplayName("two customers adding the same phone at once: exactly one holds it")
        void addIdentity_raceOnSamePhone_exactlyOneWins() throws Exception {
            int rounds = Seeds.intProperty("rapport.tck.identityRaceRounds", 40);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CyclicBarrier barrier = new CyclicBarrier(2);
                for (int round = 0; round < rounds; round++) {
                    Customer a = crm.customers().create(NewCustomer.named("A" + round));
                    Customer b = crm.customers().create(NewCustomer.named("B" + round));
                    String phone = String.format("020 7946 %04d", round);
                    List<Object> results = race(
                            pool,
                            barrier,
                            List.of(
                                    () -> crm.customers().addIdentity(a.id(), Identity.phone(phone)),
                                    () -> crm.customers()
                                            .addIdentity(b.id(), Identity.phone("+44" + phone.substring(1)))));
                    assertExactlyOneWins(results, "round " + round);
                    Customer winner = winner(results);
                    assertThat(crm.customers().findByPhone(phone)).contains(winner);
                    Customer loser = crm.customers().get(winner.id().equals(a.id()) ? b.id() : a.id());
                    assertThat(loser.identities()).isEmpty();
                    assertThat(loser.version()).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private void assertExactlyOneWins(List<Object> results, String round) {
            List<Customer> winners = results.stream()
                    .filter(Customer.class::isInstance)
                    .map(Customer.class::cast)
                    .toList();
            assertThat(winners).as("winners in %s: %s", round, results).hasSize(1);
            List<Object> losers =
                    results.stream().filter(r -> !(r instanceof Customer)).toList();
            assertThat(losers)
                    .as("losers in %s", round)
                    .singleElement()
                    .isInstanceOfSatisfying(IdentityConflictException.class, e -> assertThat(e.existingCustomerId())
                            .isEqualTo(winners.get(0).id()));
        }

        private Customer winner(List<Object> results) {
            return results.stream()
                    .filter(Customer.class::isInstance)
                    .map(Customer.class::cast)
                    .findFirst()
                    .orElseThrow();
        }
    }
}
