package io.parley.conversation.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * Request bodies. Enums and ids arrive as strings and are checked by the use case's command, so an
 * unknown value is a 422 naming the field rather than a 400 from the JSON reader.
 *
 * <p>Scalars are declared {@code Object} and read strictly with {@link io.parley.kernel.JsonValues}:
 * the JSON reader would otherwise turn {@code 123} into {@code "123"} and {@code "0.5"} into
 * {@code 0.5} on its own, and docs/api.md makes a value of the wrong type a 400.
 */
final class ConversationRequests {

    private ConversationRequests() {
    }

    @Serdeable
    @Schema(name = "StartConversationRequest", description = "Every member is optional, but a body is required (at least {})",
            example = "{\"channel\": \"web\", \"locale\": \"en-US\"}")
    record StartConversationRequest(@Nullable @Schema(type = "string", allowableValues = {"web", "mobile", "email", "api"}, defaultValue = "web")
                                    Object channel,
                                    @Nullable @Schema(type = "string", maxLength = 35, example = "en-US", description = "a language tag") Object locale,
                                    @Nullable @Schema(type = "object", description = "metadata rules of docs/api.md (redacted)")
                                    Map<String, Object> metadata) {
    }

    @Serdeable
    @Schema(name = "AppendMessageRequest", example = "{\"role\": \"assistant\", \"content\": \"I have sent you a password reset link.\"}")
    record AppendMessageRequest(@Nullable @Schema(type = "string", allowableValues = {"user", "assistant", "system"}, requiredMode = REQUIRED,
                                        nullable = false, description = "user: the customer, service, admin; assistant and system: service, agent,"
                                        + " admin (a human's is signed in metadata.author). On a session route it may be omitted (user).") Object role,
                                @Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, minLength = 1,
                                        description = "at most 1000 characters for user, 8000 for assistant and system (configurable); redacted")
                                Object content,
                                @Nullable @Schema(type = "string", minLength = 1, maxLength = 100) Object intent,
                                @Nullable @Schema(type = "number", minimum = "0", maximum = "1") Object confidence,
                                @Nullable @Schema(type = "object", description = "metadata rules of docs/api.md (redacted)")
                                Map<String, Object> metadata) {
    }

    @Serdeable
    @Schema(name = "FeedbackRequest", example = "{\"rating\": 5, \"comment\": \"Quick and friendly.\"}")
    record GiveFeedbackRequest(@Nullable @Schema(type = "integer", minimum = "0", maximum = "5", requiredMode = REQUIRED, nullable = false,
                                       description = "4.0 counts as 4; 4.5 is 422") Object rating,
                               @Nullable @Schema(type = "string", maxLength = 2000, description = "blank = none; redacted") Object comment) {
    }

    @Serdeable
    @Schema(name = "SetSummaryRequest")
    record SetSummaryRequest(@Nullable @Schema(type = "string", minLength = 1, maxLength = 100, requiredMode = REQUIRED, nullable = false,
            description = "1..100 characters after trimming (redacted)") Object summary) {
    }
}
