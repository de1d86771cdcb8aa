package dev.rapport.crm.customers.internal;

import dev.rapport.crm.customers.AttributeService;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.TenantId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The attribute definitions of one tenant; the rules are in {@link AttributeService}. */
public final class DefaultAttributeService implements AttributeService {
    private static final Logger log = LoggerFactory.getLogger(DefaultAttributeService.class);

    private final Engine engine;
    private final TenantId tenant;

    /**
     * @param engine the engine
     * @param tenant the tenant
     */
    public DefaultAttributeService(Engine engine, TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
    }

    @Override
    public AttributeDefinition define(AttributeDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        Violations v = new Violations();
        AttributeRules.checkDefinition(definition, v);
        v.throwIfAny();
        return engine.execute(tenant, ctx -> {
            Optional<AttributeDefinition> old =
                    ctx.session().attributeDefinitions().get(definition.key());
            if (old.isPresent() && old.get().type() != definition.type()) {
                long holders = ctx.session().attributeDefinitions().countCustomersWithValue(definition.key());
                if (holders > 0) {
                    throw new ConflictException("attribute " + definition.key() + " holds values on " + holders
                            + " customers; its type cannot change from "
                            + lower(old.get().type().name()) + " to "
                            + lower(definition.type().name()) + " (clear the values or define a new key)");
                }
            }
            ctx.session().attributeDefinitions().put(definition);
            log.debug("defined attribute {} in tenant {}", definition.key(), tenant);
            return definition;
        });
    }

    @Override
    public Optional<AttributeDefinition> get(String key) {
        Objects.requireNonNull(key, "key");
        return engine.read(tenant, s -> s.attributeDefinitions().get(key));
    }

    @Override
    public List<AttributeDefinition> list() {
        return engine.read(tenant, s -> s.attributeDefinitions().list());
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        engine.execute(tenant, ctx -> {
            long holders = ctx.session().attributeDefinitions().countCustomersWithValue(key);
            if (holders > 0) {
                throw new ConflictException(
                        "attribute " + (AttributeRules.KEY.matcher(key).matches() ? key : "?") + " holds values on "
                                + holders + " customers; clear them before removing it");
            }
            ctx.session().attributeDefinitions().remove(key);
            return null;
        });
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
