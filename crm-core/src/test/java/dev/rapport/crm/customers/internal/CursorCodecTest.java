package dev.rapport.crm.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.SortKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
    private static final long SEED = Long.getLong("rapport.seed", System.nanoTime());

    @Test
    void encodeThenDecode_givesThePositionOfTheLastCustomer_forGeneratedCustomers() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 5_000; i++) {
            Customer c = customer(random);
            SortKey created = CursorCodec.decode(CustomerSort.CREATED, CursorCodec.encode(CustomerSort.CREATED, c));
            assertThat(created).as("seed %d", SEED).isEqualTo(new SortKey(c.createdAt(), null, c.id()));
            SortKey name = CursorCodec.decode(CustomerSort.NAME, CursorCodec.encode(CustomerSort.NAME, c));
            assertThat(name)
                    .as("seed %d", SEED)
                    .isEqualTo(new SortKey(null, CursorCodec.sortName(c.displayName()), c.id()));
        }
    }

    @Test
    void decode_refusesACursorOfTheOtherOrder() {
        Customer c = customer(new SplittableRandom(1));
        String created = CursorCodec.encode(CustomerSort.CREATED, c);
        assertThatThrownBy(() -> CursorCodec.decode(CustomerSort.NAME, created))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cursor");
    }

    @Test
    void decode_refusesTamperedCursors() {
        Customer c = customer(new SplittableRandom(2));
        String good = CursorCodec.encode(CustomerSort.CREATED, c);
        for (String bad : List.of("", "!!!", good + "A", good.substring(1), "MnxDfDF8MXx4", "x".repeat(3000))) {
            assertThatThrownBy(() -> CursorCodec.decode(CustomerSort.CREATED, bad))
                    .as(bad)
                    .isInstanceOf(ValidationException.class);
        }
    }

    private static Customer customer(SplittableRandom random) {
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(30);
        for (int j = 0; j < length; j++) {
            int cp =
                    switch (random.nextInt(4)) {
                        case 0 -> 'a' + random.nextInt(26);
                        case 1 -> '|';
                        case 2 -> 0x1F600 + random.nextInt(50);
                        default -> 0xC0 + random.nextInt(0x2000);
                    };
            name.appendCodePoint(cp);
        }
        Instant created = Instant.ofEpochSecond(
                random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000) * 1000L);
        return new Customer(
                new CustomerId(new UUID(random.nextLong(), random.nextLong())),
                1,
                created,
                created,
                name.toString(),
                null,
                null,
                List.of(),
                Preferences.NONE,
                LifecycleStage.LEAD,
                List.of(),
                Map.of());
    }
}
