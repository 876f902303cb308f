package io.parley.conversation.domain;

import java.util.Locale;
import java.util.Optional;

/** Where the customer talks to the assistant from. */
public enum Channel {
    WEB, MOBILE, EMAIL, API;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWire(String value) {
        for (Channel channel : values()) {
            if (channel.wireValue().equals(value)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
