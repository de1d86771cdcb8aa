package dev.rapport.crm.inmemory;

import static dev.rapport.crm.inmemory.Fixtures.created;
import static dev.rapport.crm.inmemory.Fixtures.customer;
import static dev.rapport.crm.inmemory.Fixtures.renamed;
import static dev.rapport.crm.inmemory.Fixtures.withAttribute;
import static dev.rapport.crm.inmemory.Fixtures.withIdentities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.IdentityKind;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.CustomerPageRequest;
import dev.rapport.crm.spi.CustomerStore;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TransactionTest {
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final TenantId tenant = Fixtures.tenant();

    @AfterEach
    void close() {
        storage.close();
    }

    private void insert(Customer... customers) {
        storage.inTransaction(tenant, s -> {
            for (Customer c : customers) {
                s.customers().insert(c);
            }
            return null;
        });
    }

    private Optional<Customer> get(CustomerId id) {
        return storage.read(tenant, s -> s.customers().get(id));
    }

    private Optional<Customer> find(Identity identity) {
        return storage.read(tenant, s -> s.customers().findByIdentity(identity));
    }

    private long countAll() {
        return storage.read(tenant, s -> s.customers().count(CustomerCriteria.all()));
    }

    private List<Customer> listAll() {
        return storage.read(tenant, s -> s.customers()
                .list(new CustomerPageRequest(CustomerCriteria.all(), CustomerSort.NAME, 100, null)));
    }

    private List<StoredEvent> events(long after, int limit) {
        return storage.read(tenant, s -> s.events().read(after, limit));
    }

    private Optional<AttributeDefinition> definition(String key) {
        return storage.read(tenant, s -> s.attributeDefinitions().get(key));
    }

    private List<AttributeDefinition> definitions() {
        return storage.read(tenant, s -> s.attributeDefinitions().list());
    }

    @Nested
    @DisplayName("commit and rollback")
    class CommitAndRollback {
        @Test
        void commit_makesEveryWriteVisible() {
            Customer ada = customer("Ada", Identity.email("ada@example.com"));
            String result = storage.inTransaction(tenant, s -> {
                s.customers().insert(ada);
                s.attributeDefinitions().put(AttributeDefinition.of("tier", AttributeType.TEXT));
                s.events().append(List.of(created(tenant, ada)));
                return "done";
            });

            assertThat(result).isEqualTo("done");
            assertThat(get(ada.id())).contains(ada);
            assertThat(find(Identity.email("ADA@example.com"))).contains(ada);
            assertThat(definition("tier")).isPresent();
            assertThat(events(0, 10)).hasSize(1);
        }

        @Test
        void rollback_leavesNothing_andRethrowsTheSameException() {
            Customer ada = customer("Ada", Identity.email("ada@example.com"));
            IllegalStateException boom = new IllegalStateException("boom");

            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> {
                        s.customers().insert(ada);
                        s.attributeDefinitions().put(AttributeDefinition.of("tier", AttributeType.TEXT));
                        s.events().append(List.of(created(tenant, ada)));
                        throw boom;
                    }))
                    .isSameAs(boom);

            assertThat(get(ada.id())).isEmpty();
            assertThat(find(Identity.email("ada@example.com"))).isEmpty();
            assertThat(countAll()).isZero();
            assertThat(listAll()).isEmpty();
            assertThat(definitions()).isEmpty();
            assertThat(events(0, 10)).isEmpty();
            // The identity is free: another customer can take it.
            Customer other = customer("Other", Identity.email("ada@example.com"));
            insert(other);
            assertThat(find(Identity.email("ada@example.com"))).contains(other);
        }

        @Test
        void rollback_ofUpdateAndDelete_keepsTheCommittedRows() {
            Customer ada = customer("Ada", Identity.email("ada@example.com"));
            Customer bob = customer("Bob", Identity.email("bob@example.com"));
            insert(ada, bob);
            RuntimeException boom = new RuntimeException("boom");

            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> {
                        s.customers().update(ada, withIdentities(ada, Identity.email("z@example.com")));
                        s.customers().delete(bob);
                        s.attributeDefinitions().remove("anything");
                        throw boom;
                    }))
                    .isSameAs(boom);

            assertThat(get(ada.id())).contains(ada);
            assertThat(get(bob.id())).contains(bob);
            assertThat(find(Identity.email("ada@example.com"))).contains(ada);
            assertThat(find(Identity.email("z@example.com"))).isEmpty();
        }

        @Test
        void rollback_byACheckedExceptionOrAnError_rethrowsItUnchanged() {
            java.io.IOException checked = new java.io.IOException("disk");
            AssertionError error = new AssertionError("failed check");
            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> {
                        s.customers().insert(customer("X"));
                        return sneakyThrow(checked);
                    }))
                    .isSameAs(checked);
            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> {
                        s.customers().insert(customer("Y"));
                        throw error;
                    }))
                    .isSameAs(error);
            assertThat(countAll()).isZero();
        }

        @Test
        void rolledBackEvents_neverAppear_andTakeNoPosition() {
            Customer ada = customer("Ada");
            Customer bob = customer("Bob");
            CrmEvent adaCreated = created(tenant, ada);
            CrmEvent bobCreated = created(tenant, bob);
            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> {
                        s.events().append(List.of(adaCreated));
                        throw new IllegalArgumentException("refused");
                    }))
                    .isInstanceOf(IllegalArgumentException.class);
            storage.inTransaction(tenant, s -> {
                s.events().append(List.of(bobCreated));
                return null;
            });

            assertThat(events(0, 10)).containsExactly(new StoredEvent(1, bobCreated));
        }

        @Test
        void eventPositions_followCommitOrder_andOwnEventsAreNotReadableBeforeCommit() {
            Customer ada = customer("Ada");
            CrmEvent first = created(tenant, ada);
            CrmEvent second = Fixtures.updated(tenant, ada.id(), 2);
            CrmEvent third = Fixtures.updated(tenant, ada.id(), 3);
            storage.inTransaction(tenant, s -> {
                s.events().append(List.of(first, second));
                assertThat(s.events().read(0, 10)).isEmpty();
                return null;
            });
            storage.inTransaction(tenant, s -> {
                s.events().append(List.of(third));
                return null;
            });

            assertThat(events(0, 10))
                    .containsExactly(new StoredEvent(1, first), new StoredEvent(2, second), new StoredEvent(3, third));
            assertThat(events(1, 1)).containsExactly(new StoredEvent(2, second));
            assertThat(events(3, 10)).isEmpty();
        }

        @Test
        void read_refusesANegativePositionOrANonPositiveLimit() {
            storage.read(tenant, s -> {
                assertThatThrownBy(() -> s.events().read(-1, 10)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> s.events().read(0, 0)).isInstanceOf(IllegalArgumentException.class);
                assertThat(s.events().read(Long.MAX_VALUE - 1, Integer.MAX_VALUE))
                        .isEmpty();
                return null;
            });
        }

        @Test
        void append_refusesAnotherTenantsEvent() {
            CrmEvent foreign = created(Fixtures.tenant(), customer("Ada"));
            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> {
                        s.events().append(List.of(foreign));
                        return null;
                    }))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("sessions")
    class Sessions {
        @Test
        void session_usedAfterItsCallback_throws() {
            AtomicReference<StorageSession> leakedTx = new AtomicReference<>();
            AtomicReference<CustomerStore> leakedStore = new AtomicReference<>();
            storage.inTransaction(tenant, s -> {
                leakedTx.set(s);
                leakedStore.set(s.customers());
                return null;
            });
            AtomicReference<StorageSession> leakedRead = new AtomicReference<>();
            storage.read(tenant, s -> {
                leakedRead.set(s);
                return null;
            });

            assertThatThrownBy(() -> leakedTx.get().customers()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> leakedStore.get().insert(customer("Late")))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> leakedStore.get().get(Fixtures.customerId()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> leakedRead.get().events()).isInstanceOf(IllegalStateException.class);
            assertThat(countAll()).isZero();
        }

        @Test
        void session_ofAFailedTransaction_isClosedToo() {
            AtomicReference<CustomerStore> leaked = new AtomicReference<>();
            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> {
                        leaked.set(s.customers());
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");
            assertThatThrownBy(() -> leaked.get().insert(customer("Late")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after its callback");
        }

        @Test
        void readSession_refusesEveryWrite() {
            Customer ada = customer("Ada");
            insert(ada);
            storage.read(tenant, s -> {
                assertThatThrownBy(() -> s.customers().insert(customer("Bob")))
                        .isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> s.customers().update(ada, renamed(ada, "Ada L")))
                        .isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> s.customers().delete(ada)).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(
                                () -> s.attributeDefinitions().put(AttributeDefinition.of("tier", AttributeType.TEXT)))
                        .isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> s.attributeDefinitions().remove("tier"))
                        .isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> s.events().append(List.of(created(tenant, ada))))
                        .isInstanceOf(IllegalStateException.class);
                return null;
            });
            assertThat(get(ada.id())).contains(ada);
        }

        @Test
        void nestedTransaction_onTheSameTenant_isRefused() {
            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> storage.inTransaction(tenant, inner -> 1)))
                    .isInstanceOf(IllegalStateException.class);
            // The outer lock was released: a later transaction runs.
            int result = storage.inTransaction(tenant, s -> 2);
            assertThat(result).isEqualTo(2);
        }

        @Test
        void transaction_seesItsOwnWrites_whileReadersSeeOnlyCommittedState() {
            Customer ada = customer("Ada", Identity.email("ada@example.com"));
            Customer bob = customer("Bob", Identity.email("bob@example.com"));
            insert(ada);
            storage.inTransaction(tenant, s -> {
                s.customers().insert(bob);
                s.customers().update(ada, withAttribute(ada, "tier", new AttributeValue.Text("gold")));
                s.attributeDefinitions().put(AttributeDefinition.of("tier", AttributeType.TEXT));

                assertThat(s.customers().get(bob.id())).contains(bob);
                assertThat(s.customers().findByIdentity(Identity.email("bob@example.com")))
                        .contains(bob);
                assertThat(s.customers().get(ada.id()).orElseThrow().version()).isEqualTo(2);
                assertThat(s.customers().count(CustomerCriteria.all())).isEqualTo(2);
                assertThat(s.customers()
                                .count(CustomerCriteria.attribute("tier").present()))
                        .isEqualTo(1);
                assertThat(s.attributeDefinitions().countCustomersWithValue("tier"))
                        .isEqualTo(1);
                assertThat(s.attributeDefinitions().list())
                        .extracting(AttributeDefinition::key)
                        .containsExactly("tier");
                assertThat(s.customers()
                                .list(new CustomerPageRequest(CustomerCriteria.all(), CustomerSort.NAME, 10, null)))
                        .extracting(Customer::displayName)
                        .containsExactly("Ada", "Bob");

                // A read on this thread, outside the transaction, sees the committed state only.
                storage.read(tenant, r -> {
                    assertThat(r.customers().get(bob.id())).isEmpty();
                    assertThat(r.customers().get(ada.id())).contains(ada);
                    assertThat(r.customers().count(CustomerCriteria.all())).isEqualTo(1);
                    assertThat(r.attributeDefinitions().list()).isEmpty();
                    return null;
                });
                return null;
            });
        }

        @Test
        void closedStorage_refusesCalls_andCloseIsIdempotent() {
            storage.close();
            storage.close();
            assertThatThrownBy(() -> storage.read(tenant, s -> 1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    @DisplayName("identities")
    class Identities {
        @Test
        void insert_withAnIdentityHeldByAnother_throwsAndWritesNothingOfTheInsert() {
            Customer ada = customer("Ada", Identity.email("ada@example.com"));
            insert(ada);
            Customer copycat = customer("Copycat", Identity.phone("+15550100"), Identity.email("ADA@example.com"));

            storage.inTransaction(tenant, s -> {
                assertThatThrownBy(() -> s.customers().insert(copycat))
                        .isInstanceOfSatisfying(IdentityConflictException.class, e -> {
                            assertThat(e.kind()).isEqualTo(IdentityKind.EMAIL);
                            assertThat(e.existingCustomerId()).isEqualTo(ada.id());
                            assertThat(e.getMessage()).doesNotContain("ada@example.com");
                        });
                // The rest of the transaction goes on and commits.
                return null;
            });

            assertThat(get(copycat.id())).isEmpty();
            assertThat(find(Identity.phone("+15550100"))).isEmpty();
        }

        @Test
        void insert_conflictsWithAnIdentityClaimedEarlierInTheSameTransaction() {
            Customer ada = customer("Ada", Identity.social("X", "@ada"));
            Customer copycat = customer("Copycat", Identity.social("x", "ADA"));
            storage.inTransaction(tenant, s -> {
                s.customers().insert(ada);
                assertThatThrownBy(() -> s.customers().insert(copycat))
                        .isInstanceOfSatisfying(IdentityConflictException.class, e -> assertThat(e.existingCustomerId())
                                .isEqualTo(ada.id()));
                return null;
            });
            assertThat(countAll()).isEqualTo(1);
        }

        @Test
        void update_bringsIdentitiesInLine_freeingRemovedOnes() {
            Customer ada = customer("Ada", Identity.email("ada@example.com"), Identity.phone("+15550100"));
            insert(ada);
            Customer moved = withIdentities(ada, Identity.phone("+15550100"), Identity.email("ada@new.example"));
            storage.inTransaction(tenant, s -> {
                s.customers().update(ada, moved);
                return null;
            });

            assertThat(find(Identity.email("ada@example.com"))).isEmpty();
            assertThat(find(Identity.email("ada@new.example"))).contains(moved);
            assertThat(find(Identity.phone("+15550100"))).contains(moved);
        }

        @Test
        void update_withAnAddedIdentityHeldByAnother_changesNothing() {
            Customer ada = customer("Ada", Identity.email("ada@example.com"));
            Customer bob = customer("Bob", Identity.email("bob@example.com"));
            insert(ada, bob);
            Customer grabbing =
                    withIdentities(ada, Identity.email("ada2@example.com"), Identity.email("bob@example.com"));

            storage.inTransaction(tenant, s -> {
                assertThatThrownBy(() -> s.customers().update(ada, grabbing))
                        .isInstanceOfSatisfying(IdentityConflictException.class, e -> assertThat(e.existingCustomerId())
                                .isEqualTo(bob.id()));
                assertThat(s.customers().get(ada.id())).contains(ada);
                assertThat(s.customers().findByIdentity(Identity.email("ada@example.com")))
                        .contains(ada);
                assertThat(s.customers().findByIdentity(Identity.email("ada2@example.com")))
                        .isEmpty();
                return null;
            });
        }

        @Test
        void identity_freedAndTakenInOneTransaction_movesAtCommit() {
            Customer ada = customer("Ada", Identity.email("shared@example.com"));
            Customer bob = customer("Bob");
            insert(ada, bob);
            storage.inTransaction(tenant, s -> {
                s.customers().update(ada, withIdentities(ada));
                s.customers().update(bob, withIdentities(bob, Identity.email("shared@example.com")));
                return null;
            });
            assertThat(find(Identity.email("shared@example.com")))
                    .map(Customer::id)
                    .contains(bob.id());
        }

        @Test
        void delete_freesIdentities_forTheSameTransaction() {
            Customer ada = customer("Ada", Identity.email("ada@example.com"));
            insert(ada);
            Customer heir = customer("Heir", Identity.email("ada@example.com"));
            storage.inTransaction(tenant, s -> {
                s.customers().delete(ada);
                s.customers().insert(heir);
                return null;
            });
            assertThat(get(ada.id())).isEmpty();
            assertThat(find(Identity.email("ada@example.com"))).contains(heir);
        }

        @Test
        void insert_ofAnExistingId_isAConflict() {
            Customer ada = customer("Ada");
            insert(ada);
            assertThatThrownBy(() -> insert(ada))
                    .isInstanceOf(ConflictException.class)
                    .isNotInstanceOf(IdentityConflictException.class);
        }
    }

    @Nested
    @DisplayName("versions")
    class Versions {
        @Test
        void update_ofAStaleVersion_throwsConcurrencyException() {
            Customer ada = customer("Ada");
            insert(ada);
            Customer v2 = renamed(ada, "Ada Lovelace");
            storage.inTransaction(tenant, s -> {
                s.customers().update(ada, v2);
                return null;
            });
            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> {
                        s.customers().update(ada, renamed(ada, "Stale"));
                        return null;
                    }))
                    .isInstanceOf(ConcurrencyException.class)
                    .hasMessageContaining(ada.id().toString())
                    .hasMessageContaining("expected version 1");
            assertThat(get(ada.id())).contains(v2);
        }

        @Test
        void update_twiceInOneTransaction_checksAgainstTheOwnWrite() {
            Customer ada = customer("Ada");
            insert(ada);
            Customer v2 = renamed(ada, "B");
            Customer v3 = renamed(v2, "C");
            storage.inTransaction(tenant, s -> {
                s.customers().update(ada, v2);
                assertThatThrownBy(() -> s.customers().update(ada, renamed(ada, "X")))
                        .isInstanceOf(ConcurrencyException.class);
                s.customers().update(v2, v3);
                return null;
            });
            assertThat(get(ada.id())).contains(v3);
        }

        @Test
        void update_andDelete_ofAMissingCustomer_throwNotFound() {
            Customer ghost = customer("Ghost");
            storage.inTransaction(tenant, s -> {
                assertThatThrownBy(() -> s.customers().update(ghost, renamed(ghost, "Boo")))
                        .isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> s.customers().delete(ghost)).isInstanceOf(NotFoundException.class);
                return null;
            });
        }

        @Test
        void update_mustAddOneToTheVersion_andKeepTheId() {
            Customer ada = customer("Ada");
            insert(ada);
            Customer skipping = renamed(renamed(ada, "B"), "C");
            Customer other = renamed(customer("Other"), "Other");
            storage.inTransaction(tenant, s -> {
                assertThatThrownBy(() -> s.customers().update(ada, skipping))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> s.customers().update(ada, other)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> s.customers().insert(skipping)).isInstanceOf(IllegalArgumentException.class);
                return null;
            });
        }

        @Test
        void delete_ofAStaleVersion_throwsConcurrencyException_andDeletedIsGone() {
            Customer ada = customer("Ada");
            insert(ada);
            Customer v2 = renamed(ada, "B");
            storage.inTransaction(tenant, s -> {
                s.customers().update(ada, v2);
                return null;
            });
            assertThatThrownBy(() -> storage.inTransaction(tenant, s -> {
                        s.customers().delete(ada);
                        return null;
                    }))
                    .isInstanceOf(ConcurrencyException.class);
            storage.inTransaction(tenant, s -> {
                s.customers().delete(v2);
                assertThat(s.customers().get(ada.id())).isEmpty();
                assertThatThrownBy(() -> s.customers().delete(v2)).isInstanceOf(NotFoundException.class);
                return null;
            });
            assertThat(get(ada.id())).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T, E extends Throwable> T sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
