package dev.rapport.crm.customers;

import dev.rapport.crm.model.AttributeDefinition;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's custom attribute definitions.
 *
 * <p>What a change of definition does to stored values, so that none is ever silently corrupted:
 *
 * <ul>
 *   <li>Changing the <b>type</b> of an attribute that any customer holds a value for is refused
 *       with a {@link dev.rapport.crm.model.ConflictException}; with no values it is allowed.
 *   <li>Changing <b>constraints</b> (length, range, choices, required) applies to writes from then
 *       on. Stored values are neither rewritten nor deleted and read back as they were; a command
 *       that does not touch an attribute is not refused because of its old value. Making an
 *       attribute required applies to customers created from then on.
 *   <li><b>Removing</b> a definition that any customer holds a value for is refused; clear the
 *       values first.
 * </ul>
 *
 * @since 0.1
 */
public interface AttributeService {
    /**
     * Creates or changes a definition.
     *
     * @param definition the definition
     * @return the stored definition
     */
    AttributeDefinition define(AttributeDefinition definition);

    /**
     * @param key a key
     * @return its definition, if any
     */
    Optional<AttributeDefinition> get(String key);

    /** @return every definition, sorted by key */
    List<AttributeDefinition> list();

    /**
     * Removes a definition that no customer holds a value for.
     *
     * @param key the key
     */
    void remove(String key);
}
