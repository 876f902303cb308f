package io.parley.conversation.application.port.in;

import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The broken rules a command reports, as "field: message" lines. */
final class Violations {

    private Violations() {
    }

    static List<String> of(Executable construction) {
        return assertThrows(RuleViolationException.class, construction).errors().stream()
                .map(Violations::line).toList();
    }

    static List<String> fields(Executable construction) {
        return assertThrows(RuleViolationException.class, construction).errors().stream().map(FieldError::field).toList();
    }

    private static String line(FieldError error) {
        return error.field() + ": " + error.message();
    }
}
