package dev.rapport.crm.spi;

import dev.rapport.crm.model.TenantId;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The storage port: the one object an adapter hands to {@code Crm.builder().storage(...)}.
 *
 * <p>Contract (proven by crm-tck):
 *
 * <ul>
 *   <li>{@link #inTransaction} runs the work in one transaction scoped to one tenant: all of its
 *       writes become visible together at commit, or none do if the work throws. Readers never see
 *       half of it. Uniqueness of identities and expected versions hold at commit even under
 *       concurrent transactions.
 *   <li>An adapter may run the work more than once when the database reports a serialization
 *       failure or deadlock (SQLSTATE 40001, 40P01); the work must therefore only touch the
 *       session. It rethrows the work's own exceptions unchanged and wraps its own failures in
 *       {@link dev.rapport.crm.model.StorageException}.
 *   <li>No session can read or write another tenant's data.
 *   <li>Implementations are thread-safe; sessions are not and must not escape the callback.
 * </ul>
 *
 * @since 0.1
 */
public interface CrmStorage extends AutoCloseable {

    /**
     * Runs work that writes, in one transaction.
     *
     * @param tenant the tenant every call of the session is scoped to
     * @param work the work; may run more than once (see the class contract)
     * @param <T> the result type
     * @return what the work returned, after a successful commit
     */
    <T extends @Nullable Object> T inTransaction(TenantId tenant, Function<? super StorageSession, ? extends T> work);

    /**
     * Runs work that only reads. Each call of the session sees committed data as of that call (read
     * committed): two calls may see different commits, but no call sees half of one. The
     * session's write methods throw {@link IllegalStateException}.
     *
     * @param tenant the tenant every call of the session is scoped to
     * @param work the work
     * @param <T> the result type
     * @return what the work returned
     */
    <T extends @Nullable Object> T read(TenantId tenant, Function<? super StorageSession, ? extends T> work);

    /**
     * The cross-tenant queue of due timers, an optional capability: an adapter that offers it also
     * implements {@link StorageSession#timers()}. The default, for adapters written before 0.3, has
     * none, and the engine then refuses to run due work.
     *
     * @return the queue, or empty if this adapter does not store timers
     * @since 0.3
     */
    default Optional<TimerQueue> timerQueue() {
        return Optional.empty();
    }

    /** Releases what the adapter holds (not the caller's DataSource). Idempotent. */
    @Override
    default void close() {}
}
