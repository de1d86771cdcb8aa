package dev.rapport.crm.inmemory;

import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.tck.CrmCompatibilityKit;

/**
 * Runs the whole contract test kit against the in-memory adapter: a fresh, empty storage for every
 * test (and for every model-based replay), which costs nothing here.
 */
class InMemoryTckTest extends CrmCompatibilityKit {
    @Override
    protected CrmStorage createStorage() {
        return InMemoryStorage.create();
    }

    @Override
    protected void releaseStorage(CrmStorage storage) {
        storage.close();
    }
}
