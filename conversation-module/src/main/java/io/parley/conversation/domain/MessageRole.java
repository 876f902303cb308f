package io.parley.conversation.domain;

import java.util.Locale;
import java.util.Optional;

/** Who speaks in a message: the customer, the assistant (the AI or a human agent), or the system. */
public enum MessageRole {
    USER, ASSISTANT, SYSTEM;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageRole> fromWire(String value) {
        for (MessageRole role : values()) {
            if (role.wireValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
