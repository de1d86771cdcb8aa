package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.StorageException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/** The mapping of a customer to a row of {@code customers} and back: one row holds a whole customer. */
final class CustomerRows {

    /** The columns of a customer, from the table aliased {@code c}. */
    static final String COLUMNS = "c.id, c.version, c.created_at, c.updated_at, c.display_name, c.given_name,"
            + " c.family_name, c.stage, c.identities, c.preferences, c.tags, c.attributes";

    private static final TypeReference<List<Identity>> IDENTITIES = new TypeReference<>() {};
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, AttributeValue>> ATTRIBUTES = new TypeReference<>() {};

    private CustomerRows() {}

    static String sortName(Customer customer) {
        return customer.displayName().toLowerCase(Locale.ROOT);
    }

    static String identitiesJson(Customer customer) {
        return CrmJson.write(customer.identities());
    }

    static String preferencesJson(Customer customer) {
        return CrmJson.write(customer.preferences());
    }

    static String tagsJson(Customer customer) {
        return CrmJson.write(customer.tags());
    }

    /**
     * The attributes map written with its declared value type, so that each value carries its
     * {@code "type"} ({@code CrmJson.write(map)} would serialise the values by their runtime class
     * and drop it).
     */
    static String attributesJson(Customer customer) {
        return CrmJson.mapper().writerFor(ATTRIBUTES).writeValueAsString(customer.attributes());
    }

    static Customer read(ResultSet rows, Dialect dialect) throws SQLException {
        CustomerId id = new CustomerId(dialect.getUuid(rows, "id"));
        try {
            return new Customer(
                    id,
                    rows.getLong("version"),
                    dialect.getInstant(rows, "created_at"),
                    dialect.getInstant(rows, "updated_at"),
                    rows.getString("display_name"),
                    rows.getString("given_name"),
                    rows.getString("family_name"),
                    CrmJson.mapper().readValue(rows.getString("identities"), IDENTITIES),
                    CrmJson.mapper().readValue(rows.getString("preferences"), Preferences.class),
                    LifecycleStage.valueOf(rows.getString("stage")),
                    CrmJson.mapper().readValue(rows.getString("tags"), TAGS),
                    CrmJson.mapper().readValue(rows.getString("attributes"), ATTRIBUTES));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new StorageException("stored customer " + id + " cannot be read", e);
        }
    }
}
