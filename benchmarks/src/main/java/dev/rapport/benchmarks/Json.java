package dev.rapport.benchmarks;

import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.Preferences;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * The JSON columns as the baselines read and write them: with one shared Jackson mapper (Rapport's,
 * so the rows the baselines write are the rows the adapter writes), readers and writers made once.
 * A plain application would have its own mapper doing the same parsing.
 */
final class Json {
    static final ObjectReader IDENTITIES = CrmJson.mapper().readerFor(new TypeReference<List<Identity>>() {});
    static final ObjectReader TAGS = CrmJson.mapper().readerFor(new TypeReference<List<String>>() {});
    static final ObjectReader ATTRIBUTES =
            CrmJson.mapper().readerFor(new TypeReference<Map<String, AttributeValue>>() {});
    static final ObjectReader PREFERENCES = CrmJson.mapper().readerFor(Preferences.class);
    static final ObjectWriter ATTRIBUTES_WRITER =
            CrmJson.mapper().writerFor(new TypeReference<Map<String, AttributeValue>>() {});

    private Json() {}

    static Customer customer(
            UUID id,
            long version,
            Instant createdAt,
            Instant updatedAt,
            String displayName,
            String givenName,
            String familyName,
            String stage,
            String identities,
            String preferences,
            String tags,
            String attributes) {
        return new Customer(
                new CustomerId(id),
                version,
                createdAt,
                updatedAt,
                displayName,
                givenName,
                familyName,
                IDENTITIES.readValue(identities),
                PREFERENCES.readValue(preferences),
                LifecycleStage.valueOf(stage),
                TAGS.readValue(tags),
                ATTRIBUTES.readValue(attributes));
    }
}
