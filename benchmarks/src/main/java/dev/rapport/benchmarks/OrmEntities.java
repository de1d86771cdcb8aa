package dev.rapport.benchmarks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The Hibernate ORM baseline's entities: Jakarta Persistence annotations mapping a separate set of
 * tables with the same names, columns and indexes as the adapter's (created by {@code hbm2ddl} in
 * the baseline's own schema). JSON columns are mapped as strings written through {@code CAST(? AS
 * json)} and parsed by the application, as the adapter does.
 */
final class OrmEntities {
    private OrmEntities() {}

    /** A row of {@code customers}; {@code @Version} guards updates. */
    @Entity(name = "OrmCustomer")
    @Table(
            name = "customers",
            indexes = {
                @Index(name = "customers_created_idx", columnList = "tenant_id, created_at, id"),
                @Index(name = "customers_sort_name_idx", columnList = "tenant_id, sort_name, id")
            })
    @IdClass(CustomerKey.class)
    public static class OrmCustomer {
        @Id
        @Column(name = "tenant_id")
        public UUID tenantId;

        @Id
        @Column(name = "id")
        public UUID id;

        @Version
        @Column(name = "version", nullable = false)
        public long version;

        @Column(name = "created_at", nullable = false)
        public Instant createdAt;

        @Column(name = "updated_at", nullable = false)
        public Instant updatedAt;

        @Column(name = "display_name", nullable = false, columnDefinition = "text")
        public String displayName;

        @Column(name = "given_name", columnDefinition = "text")
        public String givenName;

        @Column(name = "family_name", columnDefinition = "text")
        public String familyName;

        @Column(name = "sort_name", nullable = false, columnDefinition = "text COLLATE \"C\"")
        public String sortName;

        @Column(name = "stage", nullable = false, length = 32)
        public String stage;

        @Column(name = "identities", nullable = false, columnDefinition = "json")
        @ColumnTransformer(write = "CAST(? AS json)")
        public String identities;

        @Column(name = "preferences", nullable = false, columnDefinition = "json")
        @ColumnTransformer(write = "CAST(? AS json)")
        public String preferences;

        @Column(name = "tags", nullable = false, columnDefinition = "json")
        @ColumnTransformer(write = "CAST(? AS json)")
        public String tags;

        @Column(name = "attributes", nullable = false, columnDefinition = "jsonb")
        @ColumnTransformer(write = "CAST(? AS jsonb)")
        public String attributes;
    }

    /** The key of {@link OrmCustomer}. */
    public static class CustomerKey implements Serializable {
        private static final long serialVersionUID = 1L;
        public UUID tenantId;
        public UUID id;

        public CustomerKey() {}

        CustomerKey(UUID tenantId, UUID id) {
            this.tenantId = tenantId;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CustomerKey k && Objects.equals(tenantId, k.tenantId) && Objects.equals(id, k.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, id);
        }
    }

    /** A row of {@code customer_identities}: its primary key makes identities unique per tenant. */
    @Entity(name = "OrmIdentity")
    @Table(
            name = "customer_identities",
            indexes = @Index(name = "customer_identities_customer_idx", columnList = "tenant_id, customer_id"))
    @IdClass(IdentityKey.class)
    public static class OrmIdentity {
        @Id
        @Column(name = "tenant_id")
        public UUID tenantId;

        @Id
        @Column(name = "identity_key", columnDefinition = "text COLLATE \"C\"")
        public String identityKey;

        @Column(name = "customer_id", nullable = false)
        public UUID customerId;

        @Column(name = "kind", nullable = false, length = 16)
        public String kind;

        public OrmIdentity() {}

        OrmIdentity(UUID tenantId, String identityKey, UUID customerId, String kind) {
            this.tenantId = tenantId;
            this.identityKey = identityKey;
            this.customerId = customerId;
            this.kind = kind;
        }
    }

    /** The key of {@link OrmIdentity}. */
    public static class IdentityKey implements Serializable {
        private static final long serialVersionUID = 1L;
        public UUID tenantId;
        public String identityKey;

        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k
                    && Objects.equals(tenantId, k.tenantId)
                    && Objects.equals(identityKey, k.identityKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, identityKey);
        }
    }

    /** A row of {@code customer_tags}. */
    @Entity(name = "OrmTag")
    @Table(
            name = "customer_tags",
            indexes = @Index(name = "customer_tags_tag_idx", columnList = "tenant_id, tag, customer_id"))
    @IdClass(TagKey.class)
    public static class OrmTag {
        @Id
        @Column(name = "tenant_id")
        public UUID tenantId;

        @Id
        @Column(name = "customer_id")
        public UUID customerId;

        @Id
        @Column(name = "tag", columnDefinition = "text COLLATE \"C\"")
        public String tag;

        public OrmTag() {}

        OrmTag(UUID tenantId, UUID customerId, String tag) {
            this.tenantId = tenantId;
            this.customerId = customerId;
            this.tag = tag;
        }
    }

    /** The key of {@link OrmTag}. */
    public static class TagKey implements Serializable {
        private static final long serialVersionUID = 1L;
        public UUID tenantId;
        public UUID customerId;
        public String tag;

        @Override
        public boolean equals(Object o) {
            return o instanceof TagKey k
                    && Objects.equals(tenantId, k.tenantId)
                    && Objects.equals(customerId, k.customerId)
                    && Objects.equals(tag, k.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, customerId, tag);
        }
    }

    /** A row of {@code event_log}. */
    @Entity(name = "OrmEvent")
    @Table(name = "event_log")
    @IdClass(EventKey.class)
    public static class OrmEvent {
        @Id
        @Column(name = "tenant_id")
        public UUID tenantId;

        @Id
        @Column(name = "position")
        public long position;

        @Column(name = "event_id", nullable = false)
        public UUID eventId;

        @Column(name = "event_type", nullable = false, length = 100)
        public String eventType;

        @Column(name = "occurred_at", nullable = false)
        public Instant occurredAt;

        @Column(name = "payload", nullable = false, columnDefinition = "json")
        @ColumnTransformer(write = "CAST(? AS json)")
        public String payload;
    }

    /** The key of {@link OrmEvent}. */
    public static class EventKey implements Serializable {
        private static final long serialVersionUID = 1L;
        public UUID tenantId;
        public long position;

        @Override
        public boolean equals(Object o) {
            return o instanceof EventKey k && Objects.equals(tenantId, k.tenantId) && position == k.position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, position);
        }
    }

    /** The row of {@code event_sequence}: the tenant's last event position, locked to bump it. */
    @Entity(name = "OrmEventSequence")
    @Table(name = "event_sequence")
    public static class OrmEventSequence {
        @Id
        @Column(name = "tenant_id")
        public UUID tenantId;

        @Column(name = "last_position", nullable = false)
        public long lastPosition;
    }
}
