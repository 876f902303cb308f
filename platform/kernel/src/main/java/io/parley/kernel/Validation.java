package io.parley.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects broken rules so a command can validate itself in its constructor and report every
 * problem at once: {@code Validation.check().require(...).require(...).throwIfInvalid()}.
 */
public final class Validation {

    /** The header every write that accepts one reads its idempotency key from. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern LANGUAGE_TAG = Pattern.compile("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$");
    private static final Pattern IDEMPOTENCY_KEY_SHAPE = Pattern.compile("^[\\x21-\\x7e]{1,128}$");

    private final List<FieldError> errors = new ArrayList<>();

    private Validation() {
    }

    public static Validation check() {
        return new Validation();
    }

    public Validation require(boolean condition, String field, String message) {
        if (!condition) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    /** Text rule shared by every free-text field: no NUL, no lone surrogates, length within bounds. */
    public Validation text(String value, String field, int min, int max) {
        if (value == null) {
            return require(min == 0, field, "is required");
        }
        if (!Text.isCleanUnicode(value)) {
            return require(false, field, "must be valid Unicode without NUL characters");
        }
        int length = value.codePointCount(0, value.length());
        require(length >= min, field, min == 1 ? "must not be empty" : "must have at least " + min + " characters");
        return require(length <= max, field, "must have at most " + max + " characters");
    }

    /** The {@code Idempotency-Key} rule of every write that accepts one: absent, or 1..128 printable ASCII without spaces. */
    public Validation idempotencyKey(String key) {
        return require(key == null || IDEMPOTENCY_KEY_SHAPE.matcher(key).matches(),
                IDEMPOTENCY_KEY, "must be 1 to 128 printable ASCII characters without spaces");
    }

    /**
     * A language tag such as {@code en}, {@code en-US}, {@code pt_BR} or {@code zh_Hant_TW} (BCP 47-like; the
     * conversations' locale column checks the same shape): absent, or well formed and at most 35 characters.
     */
    public Validation locale(String locale, String field, String message) {
        return require(locale == null || isLanguageTag(locale), field, message);
    }

    /** The shape of a language tag the service accepts anywhere (a conversation's locale, a search locale). */
    public static boolean isLanguageTag(String locale) {
        return locale != null && locale.length() <= 35 && LANGUAGE_TAG.matcher(locale).matches();
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new RuleViolationException(errors);
        }
    }
}
