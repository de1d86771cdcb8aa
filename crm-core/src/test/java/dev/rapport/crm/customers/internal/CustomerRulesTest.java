package dev.rapport.crm.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.Identity;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerRulesTest {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void phone_everyRegionsExampleNumber_inEveryFormat_normalisesToOneE164() {
        int checked = 0;
        for (String region : PHONES.getSupportedRegions()) {
            PhoneNumber example = PHONES.getExampleNumber(region);
            if (example == null) {
                continue;
            }
            String e164 = PHONES.format(example, PhoneNumberFormat.E164);
            for (PhoneNumberFormat format : PhoneNumberFormat.values()) {
                String written = PHONES.format(example, format);
                Violations v = new Violations();
                Optional<String> normal = CustomerRules.phone(written, region, "phone", v);
                assertThat(normal)
                        .as("%s written %s as %s", region, format, written)
                        .contains(e164);
            }
            // Written with its country code, it reads the same from any tenant's region.
            assertThat(CustomerRules.phone(e164, "US", "phone", new Violations()))
                    .contains(e164);
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "not a number", "+44 20", "+999 1234567", "0000000000000000000000"})
    void phone_rejectsInvalidNumbers_withAReason(String bad) {
        Violations v = new Violations();
        assertThat(CustomerRules.phone(bad, "GB", "phone", v)).isEmpty();
        assertThat(v.list()).singleElement().satisfies(x -> {
            assertThat(x.path()).isEqualTo("phone");
            assertThat(x.reason()).startsWith("not a");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "Ada.Lovelace+crm@Example.co.uk", "o'brien@example.ie", "用户@例子.广告"})
    void email_acceptsRealAddresses(String good) {
        Violations v = new Violations();
        assertThat(CustomerRules.identity(Identity.email(good), "GB", "email", v))
                .isPresent();
        assertThat(v.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ada",
                "ada@",
                "@example.com",
                "ada@example",
                "ada @example.com",
                "ada@@example.com",
                "ada@-x.com"
            })
    void email_rejectsMalformedAddresses(String bad) {
        Violations v = new Violations();
        assertThat(CustomerRules.identity(Identity.email(bad), "GB", "email", v))
                .isEmpty();
        assertThat(v.list()).extracting(x -> x.path()).containsExactly("email");
    }

    @Test
    void tag_isTrimmedLowerCasedAndSpacesJoined() {
        assertThat(CustomerRules.tag("  VIP   Gold ", "t", new Violations())).contains("vip-gold");
        assertThat(CustomerRules.tag("Ünïcode", "t", new Violations())).contains("ünïcode");
        Violations v = new Violations();
        assertThat(CustomerRules.tag("-leading", "t", v)).isEmpty();
        assertThat(CustomerRules.tag("x".repeat(65), "t", v)).isEmpty();
        assertThat(v.list()).hasSize(2);
    }

    @Test
    void language_isCanonicalised_andIllFormedTagsRefused() {
        assertThat(CustomerRules.language("EN-gb", "language", new Violations()))
                .contains("en-GB");
        assertThat(CustomerRules.language("zh-hant-tw", "language", new Violations()))
                .contains("zh-Hant-TW");
        Violations v = new Violations();
        assertThat(CustomerRules.language("english please", "language", v)).isEmpty();
        assertThat(v.isEmpty()).isFalse();
    }

    @Test
    void timeZone_acceptsIanaRegions_refusesFixedOffsets() {
        assertThat(CustomerRules.timeZone(ZoneId.of("Australia/Lord_Howe"), "tz", new Violations()))
                .isPresent();
        Violations v = new Violations();
        assertThat(CustomerRules.timeZone(ZoneId.of("+05:30"), "a", v)).isEmpty();
        assertThat(CustomerRules.timeZone(ZoneId.of("GMT+1"), "b", v)).isEmpty();
        assertThat(v.list()).hasSize(2);
    }

    @Test
    void names_areTrimmed_unicodeKept_limitsCountCodePoints() {
        assertThat(CustomerRules.requiredName("  Zoë 👩‍💻 ", "n", 200, new Violations()))
                .contains("Zoë 👩‍💻");
        // 100 emoji are 200 UTF-16 units but 100 characters: within a limit of 100.
        assertThat(CustomerRules.requiredName("😀".repeat(100), "n", 100, new Violations()))
                .isPresent();
        Violations v = new Violations();
        assertThat(CustomerRules.requiredName("😀".repeat(101), "n", 100, v)).isEmpty();
        assertThat(CustomerRules.requiredName("a\u0007b", "n", 100, v)).isEmpty();
        assertThat(CustomerRules.requiredName("   ", "n", 100, v)).isEmpty();
        assertThat(v.list())
                .extracting(x -> x.reason())
                .containsExactly(
                        "must be at most 100 characters", "must not contain control characters", "must not be blank");
    }
}
