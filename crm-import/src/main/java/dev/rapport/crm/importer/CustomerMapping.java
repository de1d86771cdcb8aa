package dev.rapport.crm.importer;

import dev.rapport.crm.model.IdentityKind;
import dev.rapport.crm.model.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the columns of a customer file map to customers, one row per customer. The first identity
 * mapped is the key: a row whose key identity a customer already holds updates that customer's
 * mapped attributes (or changes nothing), any other row creates a customer. Immutable and
 * thread-safe.
 *
 * @since 0.2
 */
public final class CustomerMapping {
    /** An identity read from a column. */
    record IdentityColumn(IdentityKind kind, String scope, String column) {}

    final List<IdentityColumn> identities;
    final @Nullable String name;
    final Map<String, String> attributes;
    final @Nullable String tags;
    final String tagSeparator;

    private CustomerMapping(Builder b) {
        this.identities = List.copyOf(b.identities);
        this.name = b.name;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.tags = b.tags;
        this.tagSeparator = b.tagSeparator;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    List<String> columns() {
        List<String> out = new ArrayList<>();
        identities.forEach(i -> out.add(i.column()));
        if (name != null) {
            out.add(name);
        }
        out.addAll(attributes.values());
        if (tags != null) {
            out.add(tags);
        }
        return out;
    }

    /** Builds a {@link CustomerMapping}. Not thread-safe. */
    public static final class Builder {
        private final List<IdentityColumn> identities = new ArrayList<>();
        private @Nullable String name;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private @Nullable String tags;
        private String tagSeparator = ";";

        private Builder() {}

        /**
         * @param system the external system
         * @param column the column of the customer's id there
         * @return this builder
         */
        public Builder externalId(String system, String column) {
            identities.add(new IdentityColumn(IdentityKind.EXTERNAL, Objects.requireNonNull(system, "system"), column));
            return this;
        }

        /**
         * @param column the email address column
         * @return this builder
         */
        public Builder email(String column) {
            identities.add(new IdentityColumn(IdentityKind.EMAIL, "", column));
            return this;
        }

        /**
         * @param column the phone number column (read in the tenant's phone region)
         * @return this builder
         */
        public Builder phone(String column) {
            identities.add(new IdentityColumn(IdentityKind.PHONE, "", column));
            return this;
        }

        /**
         * @param column the display name column; without one, a customer is named by its key identity
         * @return this builder
         */
        public Builder name(String column) {
            this.name = column;
            return this;
        }

        /**
         * @param key an attribute key the tenant defines
         * @param column the column of its values
         * @return this builder
         */
        public Builder attribute(String key, String column) {
            attributes.put(key, column);
            return this;
        }

        /**
         * @param column the tags column
         * @param separator what separates tags in a cell; default {@code ;}
         * @return this builder
         */
        public Builder tags(String column, String separator) {
            this.tags = column;
            this.tagSeparator = Objects.requireNonNull(separator, "separator");
            return this;
        }

        /**
         * @return the mapping
         * @throws ValidationException if no identity column is mapped
         */
        public CustomerMapping build() {
            if (identities.isEmpty()) {
                throw ValidationException.of("identities", "map at least one identity column: the first is the key");
            }
            if (tagSeparator.isEmpty()) {
                throw ValidationException.of("tags.separator", "must not be empty");
            }
            return new CustomerMapping(this);
        }
    }
}
