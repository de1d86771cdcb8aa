package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.spi.StoredEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One tenant's committed events, positions 1, 2, 3, ... in commit order.
 *
 * <p>Single writer (the committing transaction, under the tenant's commit lock), any number of
 * lock-free readers. Events live in fixed-size chunks that never move; a commit writes its events
 * into their slots and then publishes the new last position with one volatile write. A reader
 * first reads that position, so every slot at or below it is visible to it, and a transaction's
 * events appear all together.
 */
final class EventStore {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    /** Grown by copying (only the directory, never a chunk); replaced before it is needed. */
    private volatile StoredEvent[][] chunks = new StoredEvent[8][];

    /** The last committed position; publishes every slot at or below it. */
    private volatile long last;

    /**
     * Appends a committed transaction's events. Called by one thread at a time.
     *
     * @param events the events in order
     * @return the position of the last one
     */
    long append(List<CrmEvent> events) {
        long position = last;
        StoredEvent[][] directory = chunks;
        for (CrmEvent event : events) {
            position++;
            long index = position - 1;
            int chunk = Math.toIntExact(index >>> CHUNK_BITS);
            if (chunk >= directory.length) {
                directory = Arrays.copyOf(directory, directory.length * 2);
                chunks = directory;
            }
            StoredEvent[] slots = directory[chunk];
            if (slots == null) {
                slots = new StoredEvent[CHUNK_SIZE];
                directory[chunk] = slots;
            }
            slots[(int) (index & CHUNK_MASK)] = new StoredEvent(position, event);
        }
        chunks = directory; // publishes any chunk installed in the current directory
        last = position;
        return position;
    }

    /** @return the last committed position, 0 if none */
    long last() {
        return last;
    }

    /**
     * @param afterPosition read strictly after this position
     * @param limit the most events to return
     * @return committed events in position order
     */
    List<StoredEvent> read(long afterPosition, int limit) {
        long high = last; // read first: everything at or below it is published
        if (afterPosition >= high) {
            return List.of();
        }
        StoredEvent[][] directory = chunks;
        long end = afterPosition + Math.min(high - afterPosition, limit);
        List<StoredEvent> result = new ArrayList<>((int) (end - afterPosition));
        for (long position = afterPosition + 1; position <= end; position++) {
            long index = position - 1;
            result.add(directory[(int) (index >>> CHUNK_BITS)][(int) (index & CHUNK_MASK)]);
        }
        return result;
    }
}
