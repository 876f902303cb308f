package io.parley.kernel;

import java.util.List;

/** Valid JSON that breaks a rule (length, enum, range): 422 with one entry per broken field. */
public class RuleViolationException extends ParleyException {

    private final List<FieldError> errors;

    public RuleViolationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public RuleViolationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
