package io.parley.kernel;

import java.util.Map;

/** The request is valid but conflicts with the current state: a state-machine move, a duplicate, a stale version. */
public class ConflictException extends ParleyException {

    private final Map<String, Object> details;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    /** @param details extra members for the problem body, e.g. {@code current_version} */
    public ConflictException(String message, Map<String, Object> details) {
        super(message);
        this.details = Map.copyOf(details);
    }

    public Map<String, Object> details() {
        return details;
    }
}
