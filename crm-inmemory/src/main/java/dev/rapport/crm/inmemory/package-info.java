/**
 * The in-memory reference storage adapter: {@link dev.rapport.crm.inmemory.InMemoryStorage}, built
 * on {@code java.util.concurrent}. It keeps every tenant's data in the JVM heap and behaves like a
 * database under the storage contract (atomic commits, version and identity checks, keyset
 * paging, a gap-free event log), so test suites and small applications can use it in place of
 * the JDBC adapter.
 */
@NullMarked
package dev.rapport.crm.inmemory;

import org.jspecify.annotations.NullMarked;
