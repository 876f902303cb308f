package io.parley.conversation.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * Request bodies. Enums and ids arrive as strings and are checked by the use case's command, so an
 * unknown value is a 422 naming the field rather than a 400 from the JSON reader.
 *
 * <p>Scalars are declared {@code Object} and read strictly with {@link io.parley.kernel.JsonValues}:
 * the JSON reader would otherwise turn {@code 123} into {@code "123"} and {@code "0.5"} into
 * {@code 0.5} on its own, and API.md makes a value of the wrong type a 400.
 */
final class Requests {

    private Requests() {
    }

    @Serdeable
    record StartConversation(@Nullable @Schema(type = "string", allowableValues = {"web", "mobile", "email", "api"}) Object channel,
                             @Nullable @Schema(type = "string", example = "en-US") Object locale,
                             @Nullable Map<String, Object> metadata) {
    }

    @Serdeable
    record AppendMessage(@Nullable @Schema(type = "string", allowableValues = {"user", "assistant", "system"}) Object role,
                         @Nullable @Schema(type = "string") Object content,
                         @Nullable @Schema(type = "string") Object intent,
                         @Nullable @Schema(type = "number", minimum = "0", maximum = "1") Object confidence,
                         @Nullable Map<String, Object> metadata) {
    }

    @Serdeable
    record GiveFeedback(@Nullable @Schema(type = "integer", minimum = "0", maximum = "5") Object rating,
                        @Nullable @Schema(type = "string", maxLength = 2000) Object comment) {
    }

    @Serdeable
    record SetSummary(@Nullable @Schema(type = "string", maxLength = 100) Object summary) {
    }
}
