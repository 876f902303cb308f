package io.parley.conversation.application.port.in;

import io.parley.conversation.api.NewConversationRules;
import io.parley.conversation.domain.Channel;
import io.parley.kernel.MetadataRules;
import io.parley.kernel.Validation;

import java.util.Map;
import java.util.Objects;

/** Start a conversation: where the customer talks from (default web), their locale, and free-form metadata. */
public record StartConversationCommand(Channel channel, String locale, Map<String, Object> metadata) {

    public StartConversationCommand {
        Objects.requireNonNull(channel, "channel");
        metadata = metadata == null ? Map.of() : metadata;
        rules(Validation.check(), locale, metadata).throwIfInvalid();
    }

    /** From the raw request values: every broken rule at once, an unknown channel included. */
    public static StartConversationCommand of(String channel, String locale, Map<String, Object> metadata) {
        Validation validation = NewConversationRules.channel(Validation.check(), channel);
        Channel parsed = channel == null ? Channel.WEB : Channel.fromWire(channel).orElse(null);
        rules(validation, locale, metadata).throwIfInvalid();
        return new StartConversationCommand(parsed, locale, metadata);
    }

    private static Validation rules(Validation validation, String locale, Map<String, Object> metadata) {
        return MetadataRules.check(NewConversationRules.locale(validation, locale), "metadata", metadata);
    }
}
