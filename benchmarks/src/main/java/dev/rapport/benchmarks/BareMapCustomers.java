package dev.rapport.benchmarks;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerUpdated;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory baseline: what a developer writes without Rapport. A {@code ConcurrentHashMap} of
 * customers by UUID, a {@code ConcurrentHashMap} from identity key to customer id, a {@code
 * ConcurrentSkipListMap} ordered by (createdAt, id) for keyset pages, one lock around writes (so
 * the identity check and the insert are atomic and versions are checked), and an {@code ArrayList}
 * of events appended under the same lock. Input is checked by {@link PlainRules}. It stores the
 * same immutable {@link Customer} records as Rapport (so model copying costs the same on both
 * sides) and records the same events; ids are UUIDv7 from the same generator library. What it does
 * not do and Rapport does: transactions that group commands, tenants, readers that never see half
 * a commit spanning several maps, cursors as opaque strings, listeners.
 */
final class BareMapCustomers {
    /** A keyset position: the listing is ordered by createdAt, then id. */
    record Position(Instant createdAt, UUID id) {}

    private static final Comparator<Position> ORDER =
            Comparator.comparing(Position::createdAt).thenComparing(Position::id);

    private final ConcurrentHashMap<UUID, Customer> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, UUID> byIdentity = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Position, Customer> byCreated = new ConcurrentSkipListMap<>(ORDER);
    private final ReentrantLock writes = new ReentrantLock();
    private final List<CrmEvent> events = new ArrayList<>();
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final Clock clock = Clock.systemUTC();

    /** Loads an already valid record (seeding). */
    void load(Customer customer) {
        UUID id = customer.id().value();
        byId.put(id, customer);
        for (Identity identity : customer.identities()) {
            byIdentity.put(identity.key(), id);
        }
        byCreated.put(new Position(customer.createdAt(), id), customer);
    }

    Customer create(PlainRules.NewCustomerForm form) {
        PlainRules.Checked checked = PlainRules.check(form);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = ids.generate();
        Customer customer = new Customer(
                new CustomerId(id),
                1,
                now,
                now,
                checked.displayName(),
                null,
                null,
                checked.identities(),
                Preferences.NONE,
                form.stage(),
                checked.tags(),
                Map.of());
        writes.lock();
        try {
            for (Identity identity : customer.identities()) {
                if (byIdentity.containsKey(identity.key())) {
                    throw new IllegalStateException("identity taken");
                }
            }
            load(customer);
            events.add(new CustomerCreated(new EventId(ids.generate()), TenantId.DEFAULT, now, customer.id(), 1));
        } finally {
            writes.unlock();
        }
        return customer;
    }

    Optional<Customer> get(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<Customer> findByEmail(String address) {
        UUID id = byIdentity.get(PlainRules.email(address).key());
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    Customer rename(UUID id, long expectedVersion, String displayName) {
        String name = PlainRules.name(displayName);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        writes.lock();
        try {
            Customer before = byId.get(id);
            if (before == null) {
                throw new IllegalStateException("no customer " + id);
            }
            if (before.version() != expectedVersion) {
                throw new IllegalStateException("stale version");
            }
            Customer after = new Customer(
                    before.id(),
                    before.version() + 1,
                    before.createdAt(),
                    now,
                    name,
                    before.givenName(),
                    before.familyName(),
                    before.identities(),
                    before.preferences(),
                    before.stage(),
                    before.tags(),
                    before.attributes());
            byId.put(id, after);
            byCreated.put(new Position(after.createdAt(), id), after);
            events.add(new CustomerUpdated(
                    new EventId(ids.generate()),
                    TenantId.DEFAULT,
                    now,
                    after.id(),
                    after.version(),
                    List.of("displayName")));
            return after;
        } finally {
            writes.unlock();
        }
    }

    /**
     * @param tag only customers carrying it, or null for all
     * @param after the position to continue after, or null for the first page
     * @param limit the page size
     * @return the page, oldest first
     */
    List<Customer> page(String tag, Position after, int limit) {
        List<Customer> page = new ArrayList<>(limit);
        for (Customer c : (after == null ? byCreated : byCreated.tailMap(after, false)).values()) {
            if (tag == null || c.tags().contains(tag)) {
                page.add(c);
                if (page.size() == limit) {
                    break;
                }
            }
        }
        return page;
    }

    static Position positionOf(Customer customer) {
        return new Position(customer.createdAt(), customer.id().value());
    }
}
