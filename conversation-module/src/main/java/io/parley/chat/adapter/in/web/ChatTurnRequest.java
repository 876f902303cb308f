package io.parley.chat.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/*
 * The body of POST /api/v1/chat. Scalars are declared Object and read strictly with JsonValues (a value of the
 * wrong type is a 400); every rule about their values is the command's (422 naming the field). The OpenAPI schema says
 * what a client sends (by a plain comment instead of Javadoc, this text stays out of the document).
 */
@Serdeable
@Schema(name = "ChatTurnRequest", description = "A customer's message; without session_id a conversation is started",
        example = "{\"message\": \"How do I reset my password?\", \"locale\": \"en-US\"}")
record ChatTurnRequest(@Nullable @Schema(type = "string", description = "continues that conversation; absent on the first turn") Object sessionId,
                       @Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, minLength = 1,
                               description = "1..the user content limit (1000 by default) characters, not blank; redacted") Object message,
                       @Nullable @Schema(type = "string", allowableValues = {"web", "mobile", "email", "api"}, defaultValue = "web",
                               description = "first turn only") Object channel,
                       @Nullable @Schema(type = "string", maxLength = 35, example = "en-US", description = "a language tag; first turn only")
                       Object locale,
                       @Nullable @Schema(type = "object", description = "metadata rules of docs/api.md; stored on this turn's customer message")
                       Map<String, Object> metadata) {
}
