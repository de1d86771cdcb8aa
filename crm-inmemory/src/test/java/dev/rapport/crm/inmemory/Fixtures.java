package dev.rapport.crm.inmemory;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerUpdated;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Builds model objects directly with their constructors (the engine is not a dependency here). */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AtomicLong CLOCK = new AtomicLong();

    private Fixtures() {}

    static TenantId tenant() {
        return TenantId.of(UUID.randomUUID());
    }

    static CustomerId customerId() {
        return CustomerId.of(UUID.randomUUID());
    }

    static CustomerId customerId(Random random) {
        return CustomerId.of(new UUID(random.nextLong(), random.nextLong()));
    }

    static EventId eventId() {
        return EventId.of(UUID.randomUUID());
    }

    /** A new customer (version 1) created at a distinct instant. */
    static Customer customer(String name, Identity... identities) {
        Instant at = T0.plusMillis(CLOCK.incrementAndGet());
        return customer(customerId(), at, name, List.of(identities), LifecycleStage.LEAD, List.of(), Map.of());
    }

    static Customer customer(
            CustomerId id,
            Instant createdAt,
            String name,
            List<Identity> identities,
            LifecycleStage stage,
            List<String> tags,
            Map<String, AttributeValue> attributes) {
        return new Customer(
                id, 1L, createdAt, createdAt, name, null, null, identities, Preferences.NONE, stage, tags, attributes);
    }

    /** The next version of a customer with another display name. */
    static Customer renamed(Customer c, String name) {
        return new Customer(
                c.id(),
                c.version() + 1,
                c.createdAt(),
                c.updatedAt(),
                name,
                c.givenName(),
                c.familyName(),
                c.identities(),
                c.preferences(),
                c.stage(),
                c.tags(),
                c.attributes());
    }

    /** The next version of a customer with other identities. */
    static Customer withIdentities(Customer c, Identity... identities) {
        return new Customer(
                c.id(),
                c.version() + 1,
                c.createdAt(),
                c.updatedAt(),
                c.displayName(),
                c.givenName(),
                c.familyName(),
                List.of(identities),
                c.preferences(),
                c.stage(),
                c.tags(),
                c.attributes());
    }

    /** The next version of a customer with one attribute set. */
    static Customer withAttribute(Customer c, String key, AttributeValue value) {
        Map<String, AttributeValue> attributes = new HashMap<>(c.attributes());
        attributes.put(key, value);
        return new Customer(
                c.id(),
                c.version() + 1,
                c.createdAt(),
                c.updatedAt(),
                c.displayName(),
                c.givenName(),
                c.familyName(),
                c.identities(),
                c.preferences(),
                c.stage(),
                c.tags(),
                attributes);
    }

    static CustomerCreated created(TenantId tenant, Customer c) {
        return new CustomerCreated(eventId(), tenant, c.createdAt(), c.id(), c.version());
    }

    static CustomerUpdated updated(TenantId tenant, CustomerId id, long version) {
        return new CustomerUpdated(eventId(), tenant, T0, id, version, List.of("attributes.counter"));
    }
}
