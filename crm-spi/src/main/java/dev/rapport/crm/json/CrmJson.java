package dev.rapport.crm.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.ReversalId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.event.CaseChanged;
import dev.rapport.crm.model.event.CaseMerged;
import dev.rapport.crm.model.event.CaseOpened;
import dev.rapport.crm.model.event.CaseReminderDue;
import dev.rapport.crm.model.event.CaseSlaAtRisk;
import dev.rapport.crm.model.event.CaseSlaBreached;
import dev.rapport.crm.model.event.CaseStatusChanged;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerDeleted;
import dev.rapport.crm.model.event.CustomerIdentityAdded;
import dev.rapport.crm.model.event.CustomerIdentityRemoved;
import dev.rapport.crm.model.event.CustomerStageChanged;
import dev.rapport.crm.model.event.CustomerUpdated;
import dev.rapport.crm.model.event.InteractionLinked;
import dev.rapport.crm.model.event.InteractionRecorded;
import dev.rapport.crm.model.event.OrderRecorded;
import dev.rapport.crm.model.event.OrderReversed;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapping of Rapport's model and events, used for the event log, the JDBC adapter's
 * JSON columns and any export.
 *
 * <p>Stable by design: polymorphic types carry explicit, documented type names ({@code
 * "type": "customer.created"}, {@code "type": "decimal"}), never Java class names, and default
 * typing is never switched on. Unknown properties are ignored on read, so an older reader survives
 * a newer writer's extra fields. Ids are written as their canonical strings. Business calendars
 * are written as their zone id, weekly hours and holidays in text ({@code "09:00-17:00"}) and read
 * back through their builder, so stored JSON is checked as strictly as code.
 *
 * @since 0.1
 */
public final class CrmJson {

    private static final JsonMapper MAPPER = build();

    private CrmJson() {}

    /** @return the shared, immutable, thread-safe mapper */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * @param value a model value or event
     * @return its JSON
     */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * @param json JSON written by {@link #write(Object)} (or a newer version of it)
     * @param type the expected type
     * @param <T> the type
     * @return the value
     * @throws ValidationException if the JSON does not describe a value of that type
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw ValidationException.of(
                    type.getSimpleName(), "malformed JSON: " + e.getClass().getSimpleName());
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface TypedByName {}

    private static JsonMapper build() {
        SimpleModule ids = new SimpleModule("rapport-ids");
        id(ids, TenantId.class, TenantId::new);
        id(ids, CustomerId.class, CustomerId::new);
        id(ids, EventId.class, EventId::new);
        id(ids, InteractionId.class, InteractionId::new);
        id(ids, OrderId.class, OrderId::new);
        id(ids, ReversalId.class, ReversalId::new);
        SimpleModule calendars = new SimpleModule("rapport-calendars");
        CalendarJson.register(calendars);
        return JsonMapper.builder()
                .addModule(ids)
                .addModule(calendars)
                .addMixIn(CrmEvent.class, TypedByName.class)
                .addMixIn(AttributeValue.class, TypedByName.class)
                .registerSubtypes(
                        new NamedType(CustomerCreated.class, CustomerCreated.TYPE),
                        new NamedType(CustomerUpdated.class, CustomerUpdated.TYPE),
                        new NamedType(CustomerIdentityAdded.class, CustomerIdentityAdded.TYPE),
                        new NamedType(CustomerIdentityRemoved.class, CustomerIdentityRemoved.TYPE),
                        new NamedType(CustomerStageChanged.class, CustomerStageChanged.TYPE),
                        new NamedType(CustomerDeleted.class, CustomerDeleted.TYPE),
                        new NamedType(InteractionRecorded.class, InteractionRecorded.TYPE),
                        new NamedType(InteractionLinked.class, InteractionLinked.TYPE),
                        new NamedType(OrderRecorded.class, OrderRecorded.TYPE),
                        new NamedType(OrderReversed.class, OrderReversed.TYPE),
                        new NamedType(CaseOpened.class, CaseOpened.TYPE),
                        new NamedType(CaseChanged.class, CaseChanged.TYPE),
                        new NamedType(CaseStatusChanged.class, CaseStatusChanged.TYPE),
                        new NamedType(CaseMerged.class, CaseMerged.TYPE),
                        new NamedType(CaseSlaAtRisk.class, CaseSlaAtRisk.TYPE),
                        new NamedType(CaseSlaBreached.class, CaseSlaBreached.TYPE),
                        new NamedType(CaseReminderDue.class, CaseReminderDue.TYPE),
                        new NamedType(AttributeValue.Text.class, "text"),
                        new NamedType(AttributeValue.Int.class, "integer"),
                        new NamedType(AttributeValue.Decimal.class, "decimal"),
                        new NamedType(AttributeValue.Bool.class, "boolean"),
                        new NamedType(AttributeValue.Date.class, "date"),
                        new NamedType(AttributeValue.Timestamp.class, "timestamp"),
                        new NamedType(AttributeValue.Choice.class, "choice"),
                        new NamedType(AttributeValue.TextList.class, "text_list"))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    private static <T> void id(SimpleModule module, Class<T> type, Function<UUID, T> factory) {
        module.addSerializer(type, new ValueSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(type, new ValueDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) {
                String text = p.getValueAsString();
                try {
                    return factory.apply(UUID.fromString(text));
                } catch (IllegalArgumentException | NullPointerException e) {
                    return ctxt.reportInputMismatch(this, "not a UUID for %s", type.getSimpleName());
                }
            }
        });
    }
}
