package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.ContentLimits;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.MetadataRules;
import io.parley.kernel.Validation;

import java.util.Map;
import java.util.Objects;

/**
 * Append one message. The role's own length limit is configuration and is checked by the use case;
 * everything else is checked here: known role, clean non-blank content, intent, confidence 0..1,
 * bounded metadata, and the {@code Idempotency-Key} (1..128 printable ASCII, no space).
 */
public record AppendMessageCommand(ConversationRef conversation, MessageRole role, String content, String intent,
                                   Double confidence, Map<String, Object> metadata, String idempotencyKey) {

    public static final int INTENT_MAX_LENGTH = 100;

    public AppendMessageCommand {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(role, "role");
        metadata = metadata == null ? Map.of() : metadata;
        rules(Validation.check(), content, intent, confidence, metadata, idempotencyKey).throwIfInvalid();
    }

    /** From the raw request values: every broken rule at once, an unknown role included. */
    public static AppendMessageCommand of(ConversationRef conversation, String role, String content, String intent,
                                          Number confidence, Map<String, Object> metadata, String idempotencyKey) {
        Double fraction = confidence == null ? null : confidence.doubleValue();
        Validation validation = Validation.check();
        MessageRole parsed = role == null ? null : MessageRole.fromWire(role).orElse(null);
        validation.require(role != null, "role", "is required");
        validation.require(role == null || parsed != null, "role", "must be one of user, assistant, system");
        rules(validation, content, intent, fraction, metadata, idempotencyKey).throwIfInvalid();
        return new AppendMessageCommand(conversation, parsed, content, intent, fraction, metadata, idempotencyKey);
    }

    private static Validation rules(Validation validation, String content, String intent, Double confidence,
                                    Map<String, Object> metadata, String idempotencyKey) {
        validation.text(content, "content", 1, ContentLimits.STORAGE_MAX);
        validation.require(content == null || !content.isBlank(), "content", "must not be blank");
        if (intent != null) {
            validation.text(intent, "intent", 1, INTENT_MAX_LENGTH);
        }
        validation.require(confidence == null || (confidence >= 0 && confidence <= 1), "confidence", "must be a number between 0 and 1");
        MetadataRules.check(validation, "metadata", metadata);
        return validation.idempotencyKey(idempotencyKey);
    }
}
