package dev.rapport.examples;

import dev.rapport.crm.Crm;
import dev.rapport.crm.inmemory.InMemoryStorage;

/**
 * The smallest Rapport program: an in-memory store, UK phone numbers, and a listener that prints
 * every committed event.
 */
public final class Quickstart {
    private Quickstart() {}

    /** @param args unused */
    public static void main(String[] args) {
        try (Crm crm = Crm.builder()
                .storage(InMemoryStorage.create())
                .defaultPhoneRegion("GB")
                .listener(event -> System.out.println("  event: " + event.type()))
                .build()) {
            Tour.run(crm, System.out);
        }
    }
}
