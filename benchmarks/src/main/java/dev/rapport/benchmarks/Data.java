package dev.rapport.benchmarks;

import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.Preferences;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The customers every benchmark works on, the same for Rapport and for each baseline.
 *
 * <p>Seeded customer {@code g} (from 1) is {@code "Seed Customer g"} with the email {@code
 * seed<g>@example.com} and the phone {@code +1650<2000000+g>}, created at {@link #SEED_EPOCH} plus
 * {@code g} milliseconds; every tenth carries the tag {@code vip}. Customers created during a
 * measurement are numbered from a counter: email {@code new<n>@example.com}, phone {@code 650
 * <5000000 + n mod 4000000>} written in national form (so it must be parsed), tag {@code web}.
 */
final class Data {
    /** When seeded customers were created (plus g milliseconds). */
    static final Instant SEED_EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** The tag every tenth seeded customer carries; list benchmarks filter on it. */
    static final String TAG = "vip";

    private Data() {}

    static String seedName(long g) {
        return "Seed Customer " + g;
    }

    static String seedEmail(long g) {
        return "seed" + g + "@example.com";
    }

    static String seedPhoneE164(long g) {
        return "+1650" + (2_000_000 + g);
    }

    static boolean seedTagged(long g) {
        return g % 10 == 0;
    }

    static Instant seedCreatedAt(long g) {
        return SEED_EPOCH.plusMillis(g);
    }

    /** The id of seeded customer g: the same as PostgreSQL's {@code md5('rapport-seed-' || g)::uuid}. */
    static UUID seedId(long g) {
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5")
                    .digest(("rapport-seed-" + g).getBytes(StandardCharsets.UTF_8));
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (md5[i] & 0xff);
                lsb = (lsb << 8) | (md5[8 + i] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seeded customer g as a stored record (for the in-memory stores and the heap measurement). */
    static Customer seedCustomer(long g) {
        Instant at = seedCreatedAt(g);
        return new Customer(
                new CustomerId(seedId(g)),
                1,
                at,
                at,
                seedName(g),
                null,
                null,
                List.of(Identity.email(seedEmail(g)), Identity.phone(seedPhoneE164(g))),
                Preferences.NONE,
                LifecycleStage.CUSTOMER,
                seedTagged(g) ? List.of(TAG) : List.of(),
                Map.of());
    }

    static String newName(long n) {
        return "New Customer " + n;
    }

    static String newEmail(long n) {
        return "new" + n + "@example.com";
    }

    /** A phone in national form, so that it must be parsed with the default region (US). */
    static String newPhone(long n) {
        long local = 5_000_000 + (n % 4_000_000);
        return "650 " + (local / 10_000) + "-" + String.format("%04d", local % 10_000);
    }
}
