package io.parley.ticketing.domain;

import java.util.Locale;
import java.util.Optional;

/** Where a handoff goes: Parley's own agent queue, or an external helpdesk. */
public enum HelpdeskKind {
    INTERNAL, ZENDESK, FRESHDESK, EMAIL;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HelpdeskKind> fromWire(String value) {
        for (HelpdeskKind kind : values()) {
            if (kind.wireValue().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
