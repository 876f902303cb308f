package io.parley.ticketing.domain;

import java.util.Locale;
import java.util.Optional;

/** How urgent a ticket is; the agent queue serves the highest first. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact lower-case wire value ({@code low|normal|high|urgent}). */
    public static Optional<Priority> fromWire(String value) {
        for (Priority priority : values()) {
            if (priority.wireValue().equals(value)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }
}
