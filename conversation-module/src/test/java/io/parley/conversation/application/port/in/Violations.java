package io.parley.conversation.application.port.in;

import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The broken rules a command reports, as "field: message" lines (the commands of every context in this module). */
public final class Violations {

    private Violations() {
    }

    public static List<String> of(Executable construction) {
        return assertThrows(RuleViolationException.class, construction).errors().stream()
                .map(Violations::line).toList();
    }

    public static List<String> fields(Executable construction) {
        return assertThrows(RuleViolationException.class, construction).errors().stream().map(FieldError::field).toList();
    }

    private static String line(FieldError error) {
        return error.field() + ": " + error.message();
    }
}
