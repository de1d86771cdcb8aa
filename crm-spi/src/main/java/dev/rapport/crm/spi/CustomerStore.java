package dev.rapport.crm.spi;

import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.query.CustomerCriteria;
import java.util.List;
import java.util.Optional;

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
}
