package io.parley.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects broken rules so a command can validate itself in its constructor and report every
 * problem at once: {@code Validation.check().require(...).require(...).throwIfInvalid()}.
 */
public final class Validation {

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

    public boolean isValid() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new RuleViolationException(errors);
        }
    }
}
