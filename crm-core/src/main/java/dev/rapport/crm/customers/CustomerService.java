package dev.rapport.crm.customers;

import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.Page;
import java.util.Map;
import java.util.Optional;

/**
 * Customers of one tenant: the commands that change them and the queries that find them.
 *
 * <p>Every command runs in one transaction and records its events in it; bad input throws {@link
 * dev.rapport.crm.model.ValidationException} naming every field and nothing is written. Commands
 * that take no expected version (identities, attributes, tags, stage, delete) apply to the latest
 * version and are retried internally when a concurrent change wins the race. Thread-safe.
 *
 * @since 0.1
 */
public interface CustomerService {

    /**
     * Creates a customer at version 1.
     *
     * @param command what to create
     * @return the stored customer
     * @throws dev.rapport.crm.model.IdentityConflictException if another customer holds one of its
     *     identities
     */
    Customer create(NewCustomer command);

    /**
     * @param id a customer id
     * @return the customer
     * @throws dev.rapport.crm.model.NotFoundException if there is none in this tenant
     */
    Customer get(CustomerId id);

    /**
     * @param id a customer id
     * @return the customer, if it exists in this tenant
     */
    Optional<Customer> find(CustomerId id);

    /**
     * Finds the holder of an identity: email matched case-insensitively, phone after normalising
     * to E.164 with the tenant's region, handle ignoring case and a leading {@code @}.
     *
     * @param identity the identity
     * @return its holder in this tenant, if any
     */
    Optional<Customer> findByIdentity(Identity identity);

    /**
     * @param address an email address
     * @return its holder, if any
     */
    default Optional<Customer> findByEmail(String address) {
        return findByIdentity(Identity.email(address));
    }

    /**
     * @param number a phone number in any form libphonenumber reads
     * @return its holder, if any
     */
    default Optional<Customer> findByPhone(String number) {
        return findByIdentity(Identity.phone(number));
    }

    /**
     * Changes the fields the patch names, if the customer is still at the expected version.
     *
     * @param id the customer
     * @param expectedVersion the version the caller read
     * @param patch the changes
     * @return the customer after the change (unchanged, same version, if the patch changes nothing)
     * @throws dev.rapport.crm.model.ConcurrencyException if the customer has moved on
     */
    Customer update(CustomerId id, long expectedVersion, CustomerPatch patch);

    /**
     * Adds an identity; does nothing if the customer already holds it.
     *
     * @param id the customer
     * @param identity the identity
     * @return the customer after the change
     * @throws dev.rapport.crm.model.IdentityConflictException if another customer holds it
     */
    Customer addIdentity(CustomerId id, Identity identity);

    /**
     * Removes an identity (matched as {@link #findByIdentity} matches); does nothing if the
     * customer does not hold it.
     *
     * @param id the customer
     * @param identity the identity
     * @return the customer after the change
     */
    Customer removeIdentity(CustomerId id, Identity identity);

    /**
     * Sets custom attribute values, checked against the tenant's definitions.
     *
     * @param id the customer
     * @param values key to plain Java value (or {@code AttributeValue})
     * @return the customer after the change
     */
    Customer setAttributes(CustomerId id, Map<String, ?> values);

    /**
     * Clears custom attribute values; clearing one the customer has no value for changes nothing.
     * A key with no definition, or a required attribute, is refused with a {@link
     * dev.rapport.crm.model.ValidationException}, as {@link #setAttributes} refuses it.
     *
     * @param id the customer
     * @param keys the keys
     * @return the customer after the change
     */
    Customer clearAttributes(CustomerId id, String... keys);

    /**
     * @param id the customer
     * @param tags tags to add (normalised: trimmed, lower-cased, inner spaces as {@code -})
     * @return the customer after the change
     */
    Customer tag(CustomerId id, String... tags);

    /**
     * @param id the customer
     * @param tags tags to remove
     * @return the customer after the change
     */
    Customer untag(CustomerId id, String... tags);

    /**
     * @param id the customer
     * @param stage the new stage; any stage may follow any other
     * @return the customer after the change
     */
    Customer changeStage(CustomerId id, LifecycleStage stage);

    /**
     * Deletes the customer and frees their identities.
     *
     * @param id the customer
     * @throws dev.rapport.crm.model.NotFoundException if there is none
     */
    void delete(CustomerId id);

    /**
     * Lists a page of customers.
     *
     * @param query criteria, order, page size and cursor
     * @return the page
     */
    Page<Customer> list(CustomerQuery query);

    /**
     * @param criteria a filter
     * @return how many customers match, counted by the store
     */
    long count(CustomerCriteria criteria);
}
