package io.parley.conversation.domain;

import java.util.Locale;
import java.util.Optional;

public enum ConversationStatus {
    OPEN, CLOSED;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConversationStatus> fromWire(String value) {
        for (ConversationStatus status : values()) {
            if (status.wireValue().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
