package io.parley.tracing.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a span ended. */
public enum SpanStatus {
    OK, ERROR;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SpanStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireValue().equals(value)).findFirst();
    }
}
