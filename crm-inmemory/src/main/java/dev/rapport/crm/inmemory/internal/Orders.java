package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.Customer;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.SortKey;
import java.util.Comparator;
import java.util.Objects;

/** The listing orders as comparators of {@link SortKey}, and the key of a customer in each. */
final class Orders {
    /** (createdAt, id) ascending. */
    static final Comparator<SortKey> CREATED = (a, b) -> {
        int c = Objects.requireNonNull(a.createdAt()).compareTo(Objects.requireNonNull(b.createdAt()));
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    /** (sortName by code point, id) ascending. */
    static final Comparator<SortKey> NAME = (a, b) -> {
        int c = CodePoints.compare(Objects.requireNonNull(a.sortName()), Objects.requireNonNull(b.sortName()));
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    private Orders() {}

    static Comparator<SortKey> comparator(CustomerSort sort) {
        return sort == CustomerSort.CREATED ? CREATED : NAME;
    }

    static SortKey key(Customer customer, CustomerSort sort) {
        return sort == CustomerSort.CREATED
                ? new SortKey(customer.createdAt(), null, customer.id())
                : new SortKey(null, Criteria.sortName(customer), customer.id());
    }

    /** Checks that a position from the engine carries the part its order compares. */
    static SortKey checkPosition(SortKey after, CustomerSort sort) {
        if (sort == CustomerSort.CREATED && after.createdAt() == null) {
            throw new IllegalArgumentException("a CREATED position needs createdAt");
        }
        if (sort == CustomerSort.NAME && after.sortName() == null) {
            throw new IllegalArgumentException("a NAME position needs sortName");
        }
        return after;
    }
}
