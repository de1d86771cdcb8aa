package dev.rapport.crm.spi;

import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.query.CustomerCriteria;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Customers of one tenant. Every method sees the session's own uncommitted writes.
 *
 * @since 0.1
 */
public interface CustomerStore {

    /**
     * @param id a customer id
     * @return the customer, if it exists in this tenant
     */
    Optional<Customer> get(CustomerId id);

    /**
     * Finds the customer holding an identity with the same {@link Identity#key()}.
     *
     * @param identity the identity
     * @return its holder in this tenant, if any
     */
    Optional<Customer> findByIdentity(Identity identity);

    /**
     * Stores a new customer (version 1) with its identities and tags.
     *
     * @param customer the customer
     * @throws dev.rapport.crm.model.IdentityConflictException if another customer of the tenant
     *     holds one of its identities; nothing is written
     */
    void insert(Customer customer);

    /**
     * Replaces a customer, guarded by version: {@code after.version()} must be
     * {@code before.version() + 1} and the stored version must still be {@code before.version()}.
     * Identity and tag indexes are brought in line with {@code after}.
     *
     * @param before the customer as the engine read it
     * @param after the changed customer
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version differs
     * @throws dev.rapport.crm.model.NotFoundException if the customer no longer exists
     * @throws dev.rapport.crm.model.IdentityConflictException if an added identity is held by
     *     another customer
     */
    void update(Customer before, Customer after);

    /**
     * Deletes a customer and frees its identities, guarded by version.
     *
     * @param existing the customer as the engine read it
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version differs
     * @throws dev.rapport.crm.model.NotFoundException if the customer no longer exists
     */
    void delete(Customer existing);

    /**
     * Lists matching customers in the request's order, strictly after its position, at most
     * {@code limit} of them.
     *
     * @param request the page request
     * @return the customers
     */
    List<Customer> list(CustomerPageRequest request);

    /**
     * @param criteria a filter (checked and converted by the engine)
     * @return how many customers of the tenant match
     */
    long count(CustomerCriteria criteria);

    /**
     * Finds the holders of several identities at once (bulk paths). The default calls {@link
     * #findByIdentity} for each; a database adapter answers with one query.
     *
     * @param identities the identities
     * @return the holders found, keyed by {@link Identity#key()}; identities nobody holds are absent
     * @since 0.2
     */
    default Map<String, Customer> findByIdentities(Collection<Identity> identities) {
        Map<String, Customer> found = new LinkedHashMap<>();
        for (Identity identity : identities) {
            findByIdentity(identity).ifPresent(c -> found.put(identity.key(), c));
        }
        return found;
    }

    /**
     * Stores several new customers (bulk paths), as {@link #insert} does each: all of them or, if
     * one fails, the transaction fails. The default calls {@link #insert} for each; a database
     * adapter batches.
     *
     * @param customers the customers, with distinct ids and identities
     * @throws dev.rapport.crm.model.IdentityConflictException if another customer holds one of
     *     their identities
     * @since 0.2
     */
    default void insertAll(List<Customer> customers) {
        for (Customer customer : customers) {
            insert(customer);
        }
    }

    /**
     * Reads several customers at once (bulk paths). The default calls {@link #get} for each; a
     * database adapter answers with one query.
     *
     * @param ids customer ids
     * @return the customers that exist in this tenant, by id
     * @since 0.2
     */
    default Map<CustomerId, Customer> getAll(Collection<CustomerId> ids) {
        Map<CustomerId, Customer> found = new LinkedHashMap<>();
        for (CustomerId id : ids) {
            get(id).ifPresent(c -> found.put(id, c));
        }
        return found;
    }

    /**
     * Which of the ids are customers of this tenant (bulk paths that need to know no more). The
     * default is {@link #getAll}'s keys; a database adapter reads the ids alone.
     *
     * @param ids customer ids
     * @return those that exist in this tenant, in the order given, each once
     * @since 0.3
     */
    default Set<CustomerId> existing(Collection<CustomerId> ids) {
        return new LinkedHashSet<>(getAll(ids).keySet());
    }
}
