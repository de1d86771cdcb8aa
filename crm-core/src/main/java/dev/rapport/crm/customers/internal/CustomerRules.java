package dev.rapport.crm.customers.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityKind;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules for a customer's own fields: names, identities, tags, language and time zone. Each
 * method checks one value, records what is wrong in {@link Violations} under the given path, and
 * returns the normalised value (or empty when refused). Pure functions; thread-safe.
 */
public final class CustomerRules {
    /** Longest display name, in code points. */
    public static final int MAX_DISPLAY_NAME = 200;
    /** Longest given or family name, in code points. */
    public static final int MAX_PART_NAME = 100;
    /** Most tags a customer may carry. */
    public static final int MAX_TAGS = 50;
    /** Longest tag. */
    public static final int MAX_TAG = 64;
    /** Most identities a customer may hold. */
    public static final int MAX_IDENTITIES = 50;
    /** Longest email address (RFC 5321 path limit). */
    public static final int MAX_EMAIL = 254;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\"(),:;<>\\[\\]\\\\]{1,64}@(?=.{1,253}$)(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+"
                    + "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");
    private static final Pattern SCOPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private CustomerRules() {}

    /**
     * A required name: trimmed, not blank, within the limit, no control characters.
     *
     * @return the trimmed name, or empty if refused
     */
    public static Optional<String> requiredName(@Nullable String name, String path, int max, Violations v) {
        if (name == null || name.isBlank()) {
            v.add(path, "must not be blank");
            return Optional.empty();
        }
        return optionalName(name, path, max, v);
    }

    /**
     * An optional name: blank becomes absent.
     *
     * @return the trimmed name, or empty if absent or refused
     */
    public static Optional<String> optionalName(@Nullable String name, String path, int max, Violations v) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String trimmed = name.strip();
        boolean ok = true;
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            v.add(path, "must be at most " + max + " characters");
            ok = false;
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            v.add(path, "must not contain control characters");
            ok = false;
        }
        return ok ? Optional.of(trimmed) : Optional.empty();
    }

    /**
     * Checks an identity and normalises it: phone numbers to E.164 with the region.
     *
     * @param identity the identity as given
     * @param region the tenant's default phone region
     * @return the identity to store, or empty if refused
     */
    public static Optional<Identity> identity(@Nullable Identity identity, String region, String path, Violations v) {
        if (identity == null) {
            v.add(path, "must not be null");
            return Optional.empty();
        }
        String value = identity.value();
        return switch (identity.kind()) {
            case EMAIL -> {
                if (value.length() > MAX_EMAIL || !EMAIL.matcher(value).matches()) {
                    v.add(path, "not a valid email address");
                    yield Optional.empty();
                }
                yield Optional.of(identity);
            }
            case PHONE -> phone(value, region, path, v).map(Identity::phone);
            case SOCIAL, EXTERNAL -> {
                boolean ok = true;
                String what = identity.kind() == IdentityKind.SOCIAL ? "platform" : "system";
                if (!SCOPE.matcher(identity.scope()).matches()) {
                    v.add(
                            path + "." + what,
                            "must be 1-64 of a-z, 0-9, '_', '.', '-', starting with a letter or digit");
                    ok = false;
                }
                int max = identity.kind() == IdentityKind.SOCIAL ? 100 : 200;
                String handle =
                        identity.kind() == IdentityKind.SOCIAL && value.startsWith("@") ? value.substring(1) : value;
                if (handle.isEmpty() || handle.length() > max) {
                    v.add(path + ".value", "must be 1 to " + max + " characters");
                    ok = false;
                } else if (handle.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
                    v.add(path + ".value", "must not contain spaces or control characters");
                    ok = false;
                }
                yield ok ? Optional.of(identity) : Optional.empty();
            }
        };
    }

    /**
     * Parses a phone number with libphonenumber and formats it as E.164.
     *
     * @return the E.164 form, or empty if refused (the reason says why)
     */
    static Optional<String> phone(String number, String region, String path, Violations v) {
        if (number.isEmpty() || number.length() > 64) {
            v.add(path, "not a phone number: must be 1 to 64 characters");
            return Optional.empty();
        }
        try {
            PhoneNumber parsed = PHONES.parse(number, region);
            if (!PHONES.isValidNumber(parsed)) {
                v.add(
                        path,
                        "not a valid phone number for its region ("
                                + Optional.ofNullable(PHONES.getRegionCodeForNumber(parsed))
                                        .orElse("unknown region") + ")");
                return Optional.empty();
            }
            return Optional.of(PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            v.add(path, "not a phone number (" + e.getErrorType().name().toLowerCase(Locale.ROOT) + ")");
            return Optional.empty();
        }
    }

    /**
     * Normalises a tag: trimmed, lower-cased, runs of white space as one {@code -}.
     *
     * @return the tag, or empty if refused
     */
    public static Optional<String> tag(@Nullable String tag, String path, Violations v) {
        if (tag == null || tag.isBlank()) {
            v.add(path, "must not be blank");
            return Optional.empty();
        }
        String normal = SPACES.matcher(tag.strip().toLowerCase(Locale.ROOT)).replaceAll("-");
        if (normal.length() > MAX_TAG) {
            v.add(path, "must be at most " + MAX_TAG + " characters");
            return Optional.empty();
        }
        if (!TAG.matcher(normal).matches()) {
            v.add(path, "may hold only letters, digits, '_', '.', ':' and '-', starting with a letter or digit");
            return Optional.empty();
        }
        return Optional.of(normal);
    }

    /**
     * A BCP 47 language tag, in its canonical form ({@code en-gb} becomes {@code en-GB}).
     *
     * @return the canonical tag, or empty if refused
     */
    static Optional<String> language(String tag, String path, Violations v) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
            if (locale.getLanguage().isEmpty()) {
                v.add(path, "must name a language");
                return Optional.empty();
            }
            return Optional.of(locale.toLanguageTag());
        } catch (IllformedLocaleException e) {
            v.add(path, "not a well-formed BCP 47 language tag");
            return Optional.empty();
        }
    }

    /**
     * An IANA time zone (region ids such as {@code Europe/London}; fixed offsets are refused).
     *
     * @return the zone, or empty if refused
     */
    static Optional<ZoneId> timeZone(ZoneId zone, String path, Violations v) {
        if (!ZONES.contains(zone.getId())) {
            v.add(path, "must be an IANA region time zone such as Europe/London, not a fixed offset");
            return Optional.empty();
        }
        return Optional.of(zone);
    }

    /**
     * The source of a consent choice.
     *
     * @return the trimmed source, or empty if refused
     */
    static Optional<String> consentSource(@Nullable String source, String path, Violations v) {
        return requiredName(source, path, 100, v);
    }
}
