package dev.rapport.crm.spi;

import dev.rapport.crm.model.AttributeDefinition;
import java.util.List;
import java.util.Optional;

/**
 * The custom attribute definitions of one tenant.
 *
 * @since 0.1
 */
public interface AttributeDefinitionStore {
    /** @return every definition, sorted by key */
    List<AttributeDefinition> list();

    /**
     * @param key an attribute key
     * @return its definition, if defined
     */
    Optional<AttributeDefinition> get(String key);

    /**
     * Creates or replaces a definition. The engine has checked it is a safe change.
     *
     * @param definition the definition
     */
    void put(AttributeDefinition definition);

    /**
     * Removes a definition; does nothing if absent.
     *
     * @param key the attribute key
     */
    void remove(String key);

    /**
     * @param key an attribute key
     * @return how many customers of the tenant hold a value for it
     */
    long countCustomersWithValue(String key);
}
