package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.crm.Crm;
import dev.rapport.crm.events.EventCursor;
import dev.rapport.crm.events.EventPage;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every contract of the kit shares: the storage hook, a {@link Crm} over the storage with a
 * {@link MutableClock} and a {@link RecordingListener}, and small helpers.
 *
 * <p>Lifecycle: before each test the kit calls {@link #createStorage()} once and builds {@link
 * #crm} over it, scoped to a new random tenant; after the test it calls {@link
 * #releaseStorage(CrmStorage)} for every storage it obtained. The model-based contract obtains a
 * further storage for every replay while it shrinks a failing sequence. Every test works only in
 * tenants it created (random UUIDs), so an adapter whose schema is expensive to create may hand
 * out the same storage again; it must only make sure the storage is usable and that {@link
 * TenantId#DEFAULT} is never assumed empty.
 *
 * @since 0.1
 */
public abstract class ContractSupport {
    /** Where the clock starts: with nanoseconds, so that truncation to microseconds shows. */
    protected static final Instant START = Instant.parse("2026-03-14T09:26:53.589793238Z");

    /** The clock of {@link #crm}; advance it, never sleep. */
    protected MutableClock clock;

    /** Told of every event {@link #crm} publishes (in every tenant view). */
    protected RecordingListener listener;

    /** The storage under test for the current test. */
    protected CrmStorage storage;

    /** The engine over {@link #storage}, scoped to a fresh tenant; default phone region GB. */
    protected Crm crm;

    private final List<CrmStorage> obtained = new ArrayList<>();

    /** Creates the support; the storage comes in {@link #openStorage()}. */
    protected ContractSupport() {
        clock = MutableClock.at(START);
        listener = new RecordingListener();
    }

    /**
     * The hook: called before every test (and for every replay of the model-based runner).
     *
     * @return a usable storage; see the class comment for what it must hold
     */
    protected abstract CrmStorage createStorage();

    /**
     * Optional cleanup, called after each test for every storage {@link #createStorage()} gave.
     *
     * @param used a storage the test obtained
     */
    protected void releaseStorage(CrmStorage used) {}

    @BeforeEach
    final void openStorage() {
        clock = MutableClock.at(START);
        listener = new RecordingListener();
        storage = obtainStorage();
        crm = builder(storage).build().forTenant(newTenant());
    }

    @AfterEach
    final void closeStorage() {
        RuntimeException failure = null;
        for (CrmStorage s : obtained) {
            try {
                releaseStorage(s);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        obtained.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The hook for contracts that run several engine instances over the same data, as several
     * application instances embedding Rapport over one database do (the timer contract): returns
     * the storage a second instance would use. A database adapter returns a new adapter object over
     * the same database (the same data source will do); the default returns the same object, which
     * is right for an in-process store. The kit never closes what this returns.
     *
     * @param first a storage from {@link #createStorage()}
     * @return a storage over the same data
     * @since 0.3
     */
    protected CrmStorage anotherInstance(CrmStorage first) {
        return first;
    }

    /**
     * Obtains another storage from the hook; released after the test.
     *
     * @return the storage
     */
    protected final CrmStorage obtainStorage() {
        CrmStorage s = Objects.requireNonNull(createStorage(), "createStorage() returned null");
        obtained.add(s);
        return s;
    }

    /**
     * Releases a storage from {@link #obtainStorage()} before the test ends.
     *
     * @param used the storage
     */
    protected final void releaseNow(CrmStorage used) {
        if (obtained.remove(used)) {
            releaseStorage(used);
        }
    }

    /**
     * @param on a storage
     * @return a builder with this test's clock, listener and the GB phone region
     */
    protected Crm.Builder builder(CrmStorage on) {
        return Crm.builder().storage(on).clock(clock).defaultPhoneRegion("GB").listener(listener);
    }

    /** @return a new random tenant, never used before */
    protected static TenantId newTenant() {
        return TenantId.of(UUID.randomUUID());
    }

    /**
     * Reads a tenant's whole event log.
     *
     * @param view a tenant view
     * @return every committed event, in position order
     */
    protected static List<StoredEvent> eventLog(Crm view) {
        List<StoredEvent> all = new ArrayList<>();
        EventCursor cursor = EventCursor.beginning();
        while (true) {
            EventPage page = view.events().read(cursor, 1000);
            if (page.events().isEmpty()) {
                return all;
            }
            all.addAll(page.events());
            cursor = page.next();
        }
    }

    /**
     * @param view a tenant view
     * @return the events of its log, without positions
     */
    protected static List<CrmEvent> events(Crm view) {
        return eventLog(view).stream().map(StoredEvent::event).toList();
    }

    /**
     * Lists every customer by following cursors.
     *
     * @param view a tenant view
     * @param query the first page's query
     * @return every row of every page, in order
     */
    protected static List<Customer> listAll(Crm view, CustomerQuery query) {
        List<Customer> all = new ArrayList<>();
        CustomerQuery q = query;
        for (int pages = 0; ; pages++) {
            if (pages > 100_000) {
                throw new AssertionError("listing does not end: more than 100000 pages");
            }
            Page<Customer> page = view.customers().list(q);
            all.addAll(page.items());
            if (!page.hasNext()) {
                return all;
            }
            if (page.items().isEmpty()) {
                throw new AssertionError("an empty page must not carry a next cursor");
            }
            q = q.after(page.nextCursor());
        }
    }

    /**
     * @param view a tenant view
     * @return every customer, oldest first
     */
    protected static List<Customer> listAll(Crm view) {
        return listAll(view, CustomerQuery.all().sortedBy(CustomerSort.CREATED).limit(CustomerQuery.MAX_LIMIT));
    }

    /**
     * Runs a call that must throw, and returns what it threw.
     *
     * @param type the expected exception type
     * @param call the call
     * @param <E> the type
     * @return the exception
     */
    protected static <E extends Throwable> E thrown(Class<E> type, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("expected %s", type.getSimpleName()).isInstanceOf(type);
        return type.cast(t);
    }

    /**
     * @param e a validation failure
     * @return the field paths it names, in order
     */
    protected static List<String> paths(ValidationException e) {
        return e.violations().stream().map(ValidationException.Violation::path).toList();
    }

    /**
     * Runs a call that must fail with the given type and must leave the tenant as it was: same
     * customers (equal records), same event log, no event told to listeners.
     *
     * @param view the tenant view the call works in
     * @param type the expected exception type
     * @param call the call
     * @param <E> the type
     * @return the exception
     */
    protected <E extends Throwable> E assertRefusedWithoutWrites(Crm view, Class<E> type, ThrowingCallable call) {
        List<Customer> before = listAll(view);
        long count = view.customers().count(CustomerCriteria.all());
        int logSize = eventLog(view).size();
        int told = listener.events().size();
        E e = thrown(type, call);
        assertThat(listAll(view)).as("customers after a refused command").isEqualTo(before);
        assertThat(view.customers().count(CustomerCriteria.all()))
                .as("count after a refused command")
                .isEqualTo(count);
        assertThat(eventLog(view)).as("event log after a refused command").hasSize(logSize);
        assertThat(listener.events()).as("events told after a refused command").hasSize(told);
        return e;
    }
}
