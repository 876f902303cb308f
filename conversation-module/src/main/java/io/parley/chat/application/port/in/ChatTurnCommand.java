package io.parley.chat.application.port.in;

import io.parley.conversation.api.ConversationMessages;
import io.parley.conversation.api.NewConversationRules;
import io.parley.kernel.Ids;
import io.parley.kernel.MetadataRules;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.Validation;

import java.util.Map;

/**
 * One customer message to the assistant, as the web adapter read it. Validates itself, every broken rule
 * at once: clean non-blank message, known channel, locale, bounded metadata, the {@code Idempotency-Key}
 * (1..128 printable ASCII, no space); then a session id that cannot be one names nothing: 404, like an
 * unknown one. The user role's configured length limit is checked by the use case.
 *
 * @param sessionId the conversation to continue, or null to start one
 * @param channel   where a new conversation is started from (null: web); ignored when continuing
 * @param locale    the new conversation's locale (may be null); ignored when continuing
 * @param metadata  stored on the customer's message, every turn
 */
public record ChatTurnCommand(String sessionId, String message, String channel, String locale,
                              Map<String, Object> metadata, String idempotencyKey) {

    public ChatTurnCommand {
        Validation validation = NewConversationRules.channel(Validation.check(), channel);
        validation.text(message, "message", 1, ConversationMessages.MAX_CONTENT_LENGTH);
        validation.require(message == null || message.isEmpty() || !message.isBlank(), "message", "must not be blank");
        NewConversationRules.locale(validation, locale);
        MetadataRules.check(validation, "metadata", metadata);
        validation.idempotencyKey(idempotencyKey).throwIfInvalid();
        if (sessionId != null && !Ids.isSessionId(sessionId)) {
            throw new NotFoundException("conversation");
        }
        channel = channel == null ? NewConversationRules.DEFAULT_CHANNEL : channel;
        metadata = metadata == null ? Map.of() : metadata;
    }

    public boolean startsConversation() {
        return sessionId == null;
    }
}
