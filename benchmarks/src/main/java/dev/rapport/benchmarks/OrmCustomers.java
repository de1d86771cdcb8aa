package dev.rapport.benchmarks;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.rapport.benchmarks.OrmEntities.CustomerKey;
import dev.rapport.benchmarks.OrmEntities.OrmCustomer;
import dev.rapport.benchmarks.OrmEntities.OrmEvent;
import dev.rapport.benchmarks.OrmEntities.OrmEventSequence;
import dev.rapport.benchmarks.OrmEntities.OrmIdentity;
import dev.rapport.benchmarks.OrmEntities.OrmTag;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerUpdated;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The Hibernate ORM 7 baseline, written the way its documentation shows: a {@link SessionFactory}
 * over the HikariCP pool, one {@link Session} per operation, entities persisted and loaded, {@code
 * @Version} for optimistic locking, the event counter row read {@code PESSIMISTIC_WRITE} and
 * incremented, HQL for the join and the keyset page. JDBC batching and insert ordering are on
 * ({@code hibernate.jdbc.batch_size=50}). The schema is created by {@code hbm2ddl} in the
 * baseline's own schema. Entities are turned into the same {@link Customer} records (JSON columns
 * parsed by {@link Json}).
 */
final class OrmCustomers implements AutoCloseable {
    private static final String BY_IDENTITY = "select c from OrmCustomer c join OrmIdentity i"
            + " on i.tenantId = c.tenantId and i.customerId = c.id"
            + " where i.tenantId = :tenant and i.identityKey = :key";
    private static final String PAGE_FIRST = "select c from OrmCustomer c where c.tenantId = :tenant"
            + " and exists (select 1 from OrmTag t where t.tenantId = c.tenantId and t.customerId = c.id"
            + " and t.tag = :tag) order by c.createdAt, c.id";
    private static final String PAGE_AFTER = "select c from OrmCustomer c where c.tenantId = :tenant"
            + " and exists (select 1 from OrmTag t where t.tenantId = c.tenantId and t.customerId = c.id"
            + " and t.tag = :tag) and (c.createdAt, c.id) > (:createdAt, :id) order by c.createdAt, c.id";

    private final SessionFactory sessions;
    private final UUID tenant = TenantId.DEFAULT.value();
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final Clock clock = Clock.systemUTC();

    OrmCustomers(DataSource dataSource, String schema) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(OrmCustomer.class)
                .addAnnotatedClass(OrmIdentity.class)
                .addAnnotatedClass(OrmTag.class)
                .addAnnotatedClass(OrmEvent.class)
                .addAnnotatedClass(OrmEventSequence.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        configuration.setProperty(AvailableSettings.DEFAULT_SCHEMA, schema);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "create");
        configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
        configuration.setProperty(AvailableSettings.ORDER_INSERTS, "true");
        configuration.setProperty(AvailableSettings.ORDER_UPDATES, "true");
        // The entities carry no constraints; input is checked by PlainRules as on the other sides.
        configuration.setProperty(AvailableSettings.JAKARTA_VALIDATION_MODE, "none");
        this.sessions = configuration.buildSessionFactory();
    }

    @Override
    public void close() {
        sessions.close();
    }

    Customer create(PlainRules.NewCustomerForm form) {
        PlainRules.Checked checked = PlainRules.check(form);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Customer customer = new Customer(
                new CustomerId(ids.generate()),
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
        UUID id = customer.id().value();
        return inTransaction(s -> {
            for (Identity identity : customer.identities()) {
                s.persist(new OrmIdentity(
                        tenant, identity.key(), id, identity.kind().label()));
            }
            OrmCustomer row = new OrmCustomer();
            row.tenantId = tenant;
            row.id = id;
            row.createdAt = now;
            row.updatedAt = now;
            row.displayName = customer.displayName();
            row.sortName = customer.displayName().toLowerCase(Locale.ROOT);
            row.stage = customer.stage().name();
            row.identities = CrmJson.write(customer.identities());
            row.preferences = CrmJson.write(customer.preferences());
            row.tags = CrmJson.write(customer.tags());
            row.attributes = Json.ATTRIBUTES_WRITER.writeValueAsString(customer.attributes());
            s.persist(row);
            for (String tag : customer.tags()) {
                s.persist(new OrmTag(tenant, id, tag));
            }
            appendEvent(s, new CustomerCreated(new EventId(ids.generate()), TenantId.DEFAULT, now, customer.id(), 1));
            return customer;
        });
    }

    Optional<Customer> get(UUID id) {
        try (Session s = sessions.openSession()) {
            return Optional.ofNullable(s.find(OrmCustomer.class, new CustomerKey(tenant, id)))
                    .map(OrmCustomers::customer);
        }
    }

    Optional<Customer> findByEmail(String address) {
        String key = PlainRules.email(address).key();
        try (Session s = sessions.openSession()) {
            return s.createSelectionQuery(BY_IDENTITY, OrmCustomer.class)
                    .setParameter("tenant", tenant)
                    .setParameter("key", key)
                    .uniqueResultOptional()
                    .map(OrmCustomers::customer);
        }
    }

    Customer rename(UUID id, long expectedVersion, String displayName) {
        String name = PlainRules.name(displayName);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return inTransaction(s -> {
            OrmCustomer row = s.find(OrmCustomer.class, new CustomerKey(tenant, id));
            if (row == null || row.version != expectedVersion) {
                throw new IllegalStateException("stale version or no customer " + id);
            }
            row.displayName = name;
            row.sortName = name.toLowerCase(Locale.ROOT);
            row.updatedAt = now;
            appendEvent(
                    s,
                    new CustomerUpdated(
                            new EventId(ids.generate()),
                            TenantId.DEFAULT,
                            now,
                            new CustomerId(id),
                            expectedVersion + 1,
                            List.of("displayName")));
            s.flush(); // the versioned UPDATE, so that the returned record carries the new version
            return customer(row);
        });
    }

    List<Customer> page(String tag, BareMapCustomers.Position after, int limit) {
        try (Session s = sessions.openSession()) {
            var query = s.createSelectionQuery(after == null ? PAGE_FIRST : PAGE_AFTER, OrmCustomer.class)
                    .setParameter("tenant", tenant)
                    .setParameter("tag", tag)
                    .setMaxResults(limit);
            if (after != null) {
                query.setParameter("createdAt", after.createdAt()).setParameter("id", after.id());
            }
            List<Customer> page = new ArrayList<>(limit);
            for (OrmCustomer row : query.getResultList()) {
                page.add(customer(row));
            }
            return page;
        }
    }

    private void appendEvent(Session s, CrmEvent event) {
        OrmEventSequence sequence = s.find(OrmEventSequence.class, tenant, LockModeType.PESSIMISTIC_WRITE);
        if (sequence == null) {
            sequence = new OrmEventSequence();
            sequence.tenantId = tenant;
            s.persist(sequence);
        }
        sequence.lastPosition++;
        OrmEvent row = new OrmEvent();
        row.tenantId = tenant;
        row.position = sequence.lastPosition;
        row.eventId = event.id().value();
        row.eventType = event.type();
        row.occurredAt = event.occurredAt();
        row.payload = CrmJson.write(event);
        s.persist(row);
    }

    private <T> T inTransaction(Function<Session, T> work) {
        try (Session s = sessions.openSession()) {
            Transaction tx = s.beginTransaction();
            try {
                T result = work.apply(s);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e;
            }
        }
    }

    private static Customer customer(OrmCustomer row) {
        return Json.customer(
                row.id,
                row.version,
                row.createdAt,
                row.updatedAt,
                row.displayName,
                row.givenName,
                row.familyName,
                row.stage,
                row.identities,
                row.preferences,
                row.tags,
                row.attributes);
    }
}
