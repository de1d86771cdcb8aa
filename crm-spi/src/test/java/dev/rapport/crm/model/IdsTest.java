package dev.rapport.crm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    private static final long SEED = Long.getLong("rapport.seed", 20261123L);

    @Test
    void compareTo_ordersAsUnsignedBytes_likeTheDatabases() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 10_000; i++) {
            UUID a = new UUID(random.nextLong(), random.nextLong());
            UUID b = random.nextInt(10) == 0
                    ? new UUID(a.getMostSignificantBits(), random.nextLong())
                    : new UUID(random.nextLong(), random.nextLong());
            int expected = Integer.signum(Arrays.compareUnsigned(bytes(a), bytes(b)));
            assertThat(Integer.signum(CustomerId.of(a).compareTo(CustomerId.of(b))))
                    .as("seed %d: %s vs %s", SEED, a, b)
                    .isEqualTo(expected);
        }
    }

    @Test
    void parse_roundTripsToString() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 1000; i++) {
            CustomerId id = CustomerId.of(new UUID(random.nextLong(), random.nextLong()));
            assertThat(CustomerId.parse(id.toString())).isEqualTo(id);
            assertThat(TenantId.parse(id.toString()).value()).isEqualTo(id.value());
        }
    }

    @Test
    void parse_rejectsNonCanonicalText() {
        for (String bad :
                new String[] {"", "1-2-3-4-5", "0193000000007000800000000000000", "zz930000-0000-7000-8000-000000000001"
                }) {
            assertThatThrownBy(() -> CustomerId.parse(bad))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("customerId");
        }
    }

    @Test
    void defaultTenant_isAVersion7Uuid() {
        assertThat(TenantId.DEFAULT.value().version()).isEqualTo(7);
        assertThat(TenantId.DEFAULT.value().variant()).isEqualTo(2);
    }

    private static byte[] bytes(UUID u) {
        return ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
    }
}
