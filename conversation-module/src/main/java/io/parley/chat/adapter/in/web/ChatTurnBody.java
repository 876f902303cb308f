package io.parley.chat.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/*
 * The body of POST /api/v1/chat. Scalars are declared Object and read strictly with JsonValues (a value of the
 * wrong type is a 400); every rule about their values is the command's (422 naming the field). The schema keeps
 * the name (and, by a plain comment instead of Javadoc, the description) the route's OpenAPI document always had.
 */
@Serdeable
@Schema(name = "Requests.ChatTurn")
record ChatTurnBody(@Nullable @Schema(type = "string", description = "continues this conversation; absent on the first turn") Object sessionId,
                    @Nullable @Schema(type = "string", requiredMode = Schema.RequiredMode.REQUIRED) Object message,
                    @Nullable @Schema(type = "string", allowableValues = {"web", "mobile", "email", "api"}, defaultValue = "web") Object channel,
                    @Nullable @Schema(type = "string", example = "en-US") Object locale,
                    @Nullable Map<String, Object> metadata) {
}
