package io.parley.conversation.api;

import io.parley.kernel.Validation;

import java.util.List;

/**
 * The rules of where a new conversation starts from and in which language, for whoever starts one (the
 * REST route, the chat turn), so both refuse the same values with the same words, together with their
 * other rules (every broken rule at once).
 */
public final class NewConversationRules {

    /** The channels a conversation is started from, as on the wire; {@code web} when none is given. */
    public static final List<String> CHANNELS = List.of("web", "mobile", "email", "api");
    public static final String DEFAULT_CHANNEL = "web";

    private NewConversationRules() {
    }

    /** An absent channel is the default; a present one must be one of {@link #CHANNELS}. */
    public static Validation channel(Validation validation, String channel) {
        return validation.require(channel == null || CHANNELS.contains(channel), "channel", "must be one of " + String.join(", ", CHANNELS));
    }

    /** An absent locale is fine; a present one must be a language tag. */
    public static Validation locale(Validation validation, String locale) {
        return validation.locale(locale, "locale", "must be a language tag such as en or en-US");
    }
}
