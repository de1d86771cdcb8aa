package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReferenceTest {
    @Test
    @DisplayName("code point order puts U+FF21 before a supplementary character, unlike UTF-16 order")
    void compareCodePoints_differsFromUtf16WhereItShould() {
        String wide = "\uFF21";
        String astral = "\uD835\uDD18";
        assertThat(wide.compareTo(astral)).isPositive();
        assertThat(Reference.compareCodePoints(wide, astral)).isNegative();
        assertThat(Reference.compareCodePoints("a", "ab")).isNegative();
        assertThat(Reference.compareCodePoints("ab", "ab")).isZero();
    }

    @Test
    @DisplayName("tags normalise as the engine documents")
    void normalizeTag_trimsLowersAndJoins() {
        assertThat(Reference.normalizeTag("  VIP  Customer ")).isEqualTo("vip-customer");
    }
}
