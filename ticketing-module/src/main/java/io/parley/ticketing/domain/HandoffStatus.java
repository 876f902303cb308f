package io.parley.ticketing.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code pending} waits in the outbox; {@code created} exists in an external helpdesk; {@code routed}
 * sits in Parley's own queue; {@code resolved} once its ticket closed; {@code failed} after a
 * permanent rejection or the last allowed attempt.
 */
public enum HandoffStatus {
    PENDING, CREATED, ROUTED, RESOLVED, FAILED;

    /** A ticket that closes settles its handoff: nothing is left to deliver or to work on. A failed one stays failed. */
    public boolean settlesWhenTicketCloses() {
        return this == PENDING || this == CREATED || this == ROUTED;
    }

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HandoffStatus> fromWire(String value) {
        for (HandoffStatus status : values()) {
            if (status.wireValue().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
