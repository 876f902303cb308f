package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.ContentLimits;
import io.parley.kernel.MetadataRules;
import io.parley.kernel.Validation;

import java.util.Map;

/**
 * One customer message to the assistant. The user role's configured length limit is checked by the
 * use case; everything else here: clean non-blank message, known channel, locale, bounded metadata,
 * the {@code Idempotency-Key} (1..128 printable ASCII, no space).
 *
 * @param session   the conversation to continue, or null to start one
 * @param channel   where a new conversation is started from (default web); ignored when continuing
 * @param locale    the new conversation's locale (may be null); ignored when continuing
 * @param metadata  stored on the customer's message, every turn
 */
public record ChatTurnCommand(ConversationRef.BySession session, String message, Channel channel, String locale,
                              Map<String, Object> metadata, String idempotencyKey) {

    public ChatTurnCommand {
        channel = channel == null ? Channel.WEB : channel;
        metadata = metadata == null ? Map.of() : metadata;
        rules(Validation.check(), message, locale, metadata, idempotencyKey).throwIfInvalid();
    }

    /**
     * From the raw request values: every broken rule at once, an unknown channel included. A
     * session id that cannot be one names nothing: 404, like an unknown one.
     */
    public static ChatTurnCommand of(String sessionId, String message, String channel, String locale,
                                     Map<String, Object> metadata, String idempotencyKey) {
        Validation validation = Validation.check();
        Channel parsed = channel == null ? Channel.WEB : Channel.fromWire(channel).orElse(null);
        validation.require(parsed != null, "channel", "must be one of web, mobile, email, api");
        rules(validation, message, locale, metadata, idempotencyKey).throwIfInvalid();
        ConversationRef.BySession session = sessionId == null ? null : (ConversationRef.BySession) ConversationRef.session(sessionId);
        return new ChatTurnCommand(session, message, parsed, locale, metadata, idempotencyKey);
    }

    public boolean startsConversation() {
        return session == null;
    }

    private static Validation rules(Validation validation, String message, String locale, Map<String, Object> metadata,
                                    String idempotencyKey) {
        validation.text(message, "message", 1, ContentLimits.STORAGE_MAX);
        validation.require(message == null || message.isEmpty() || !message.isBlank(), "message", "must not be blank");
        validation.locale(locale, "locale", "must be a language tag such as en or en-US");
        MetadataRules.check(validation, "metadata", metadata);
        return validation.idempotencyKey(idempotencyKey);
    }
}
