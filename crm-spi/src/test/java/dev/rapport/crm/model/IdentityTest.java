package dev.rapport.crm.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityTest {
    @Test
    void email_matchesCaseInsensitively_butKeepsTheValueAsGiven() {
        Identity given = Identity.email("  Ada.Lovelace@Example.COM ");
        assertThat(given.value()).isEqualTo("Ada.Lovelace@Example.COM");
        assertThat(given.sameAs(Identity.email("ada.lovelace@example.com"))).isTrue();
        assertThat(given.sameAs(Identity.email("ada.lovelace@example.org"))).isFalse();
    }

    @Test
    void social_ignoresCaseAndLeadingAt_butNotThePlatform() {
        assertThat(Identity.social("X", "@AdaL").sameAs(Identity.social("x", "adal")))
                .isTrue();
        assertThat(Identity.social("x", "adal").sameAs(Identity.social("reddit", "adal")))
                .isFalse();
    }

    @Test
    void external_matchesIdsExactly() {
        assertThat(Identity.external("Legacy", "AB-1").sameAs(Identity.external("legacy", "AB-1")))
                .isTrue();
        assertThat(Identity.external("legacy", "AB-1").sameAs(Identity.external("legacy", "ab-1")))
                .isFalse();
    }

    @Test
    void kinds_neverCollide_evenWithTheSameValue() {
        assertThat(Identity.external("", "x").key())
                .isNotEqualTo(Identity.social("", "x").key());
        assertThat(Identity.email("a@b.c").key())
                .isNotEqualTo(Identity.external("", "a@b.c").key());
    }
}
