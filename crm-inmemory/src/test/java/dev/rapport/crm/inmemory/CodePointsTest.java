package dev.rapport.crm.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.inmemory.internal.CodePoints;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodePointsTest {
    private static final int[] INTERESTING = {
        'a', 'B', 0x7f, 0xe9, 0x3a9, 0xd7ff, 0xe000, 0xf8ff, 0xff5e, 0xfffd, 0xffff, 0x10000, 0x1d49c, 0x1f600, 0x10ffff
    };

    @Test
    void compare_agreesWithCodePointOrder_onRandomStrings() {
        long seed = Long.getLong("rapport.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 100_000; i++) {
            String a = randomString(random);
            String b = random.nextInt(4) == 0 ? a + randomString(random) : randomString(random);
            int expected = Integer.signum(Oracle.compareCodePoints(a, b));
            assertThat(Integer.signum(CodePoints.compare(a, b)))
                    .as(
                            "seed %d: %s vs %s",
                            seed,
                            a.codePoints().boxed().toList(),
                            b.codePoints().boxed().toList())
                    .isEqualTo(expected);
            assertThat(Integer.signum(CodePoints.compare(b, a))).isEqualTo(-expected);
        }
    }

    @Test
    void compare_putsSupplementaryCharactersAfterTheWholeBmp() {
        assertThat(CodePoints.compare("\uFFFF", "😀")).isNegative();
        assertThat(CodePoints.compare("\uE000", "\uD800\uDC00")).isNegative();
        assertThat(CodePoints.compare("\uD7FF", "\uE000")).isNegative();
        assertThat(CodePoints.compare("a", "ab")).isNegative();
        assertThat(CodePoints.compare("😀", "😀")).isZero();
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(INTERESTING[random.nextInt(INTERESTING.length)]);
        }
        return s.toString();
    }
}
