package dev.rapport.benchmarks;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.LifecycleStage;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The input checks every baseline makes, written the plain way but doing the same work as
 * Rapport's engine does for the commands benchmarked: one Jakarta Validation call on a command
 * record carrying the same constraints as Rapport's {@code NewCustomer} (two {@code @NotNull}), then
 * the display name (trimmed, not blank, at most 200 code points, no control characters), the email
 * (the same regular expression as Rapport's, copied), the phone (libphonenumber parse with region
 * US, {@code isValidNumber}, format E.164) and the tags (trimmed, lower-cased, the same pattern). All
 * problems are collected and thrown together as an {@link IllegalArgumentException}.
 */
final class PlainRules {
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\"(),:;<>\\[\\]\\\\]{1,64}@(?=.{1,253}$)(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+"
                    + "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private PlainRules() {}

    /** The baseline's create command: the same fields the benchmarks give Rapport's NewCustomer. */
    record NewCustomerForm(
            @NotNull String displayName,
            String email,
            String phone,
            @NotNull LifecycleStage stage,
            List<String> tags) {}

    /** A checked and normalised create command. */
    record Checked(String displayName, List<Identity> identities, List<String> tags) {}

    static Checked check(NewCustomerForm form) {
        List<String> problems = new ArrayList<>();
        for (ConstraintViolation<NewCustomerForm> v : VALIDATOR.validate(form)) {
            problems.add(v.getPropertyPath() + " " + v.getMessage());
        }
        String name = name(form.displayName(), problems);
        List<Identity> identities = new ArrayList<>(2);
        if (email(form.email(), problems)) {
            identities.add(Identity.email(form.email()));
        }
        String phone = phone(form.phone(), problems);
        if (phone != null) {
            identities.add(Identity.phone(phone));
        }
        TreeSet<String> tags = new TreeSet<>();
        for (String tag : form.tags()) {
            String normal = SPACES.matcher(tag.strip().toLowerCase(Locale.ROOT)).replaceAll("-");
            if (normal.isEmpty() || normal.length() > 64 || !TAG.matcher(normal).matches()) {
                problems.add("bad tag");
            } else {
                tags.add(normal);
            }
        }
        failIfAny(problems);
        return new Checked(name, identities, new ArrayList<>(tags));
    }

    static String name(String name) {
        List<String> problems = new ArrayList<>();
        String checked = name(name, problems);
        failIfAny(problems);
        return checked;
    }

    static Identity email(String address) {
        List<String> problems = new ArrayList<>();
        email(address, problems);
        failIfAny(problems);
        return Identity.email(address);
    }

    private static String name(String name, List<String> problems) {
        if (name == null || name.isBlank()) {
            problems.add("displayName must not be blank");
            return "";
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > 200) {
            problems.add("displayName too long");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            problems.add("displayName has control characters");
        }
        return trimmed;
    }

    private static boolean email(String address, List<String> problems) {
        if (address == null
                || address.length() > 254
                || !EMAIL.matcher(address.strip()).matches()) {
            problems.add("not a valid email address");
            return false;
        }
        return true;
    }

    private static String phone(String number, List<String> problems) {
        if (number == null) {
            return null;
        }
        try {
            PhoneNumber parsed = PHONES.parse(number, "US");
            if (!PHONES.isValidNumber(parsed)) {
                problems.add("not a valid phone number");
                return null;
            }
            return PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            problems.add("not a phone number");
            return null;
        }
    }

    private static void failIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
