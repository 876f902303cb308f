package io.parley.kernel;

/** The request could not be read as the API defines it, e.g. a JSON value of the wrong type: 400, naming the field. */
public class MalformedRequestException extends ParleyException {

    private final String field;

    public MalformedRequestException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public FieldError error() {
        return new FieldError(field, getMessage().substring(field.length() + 2));
    }
}
