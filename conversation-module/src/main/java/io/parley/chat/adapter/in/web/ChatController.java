package io.parley.chat.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.chat.adapter.in.web.ChatResponses.ChatTurnResponse;
import io.parley.chat.application.port.in.ChatTurnCommand;
import io.parley.chat.application.port.in.ChatTurnUseCase;
import io.parley.kernel.Caller;
import io.parley.kernel.JsonValues;
import io.parley.kernel.TooManyRequestsResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import static io.parley.kernel.ApiDocs.BAD_REQUEST;
import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.IDEMPOTENCY_KEY;
import static io.parley.kernel.ApiDocs.PAYLOAD_TOO_LARGE;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_CHAT;
import static io.parley.kernel.ApiDocs.UNSUPPORTED_MEDIA_TYPE;

/**
 * {@code POST /api/v1/chat}, the assistant's front door (docs/api.md "Chat"): guests need no token (the
 * {@code session_id} the first turn returns is their capability), signed-in users continue only their
 * own conversations. Always 200, also for a replayed {@code Idempotency-Key}.
 */
@Controller("/api/v1/chat")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = TAG_CHAT)
class ChatController {

    private final ChatTurnUseCase chat;

    ChatController(ChatTurnUseCase chat) {
        this.chat = chat;
    }

    /** The body is required: an optional body would let unreadable JSON pass as no body at all. */
    @Post
    @Operation(operationId = "chatTurn", summary = "One chat turn: the customer's message, the assistant's reply, the handoff when one is"
            + " recommended", description = "No token: a guest (the session_id the first turn returns is their key); with a token: a"
            + " signed-in user. Without session_id a conversation is started (channel, locale) and its session_id returned; with it the"
            + " conversation continues (someone else's or unknown: 404, closed: 409). Idempotency-Key: a retry returns the first turn.",
            security = {@SecurityRequirement(name = ""), @SecurityRequirement(name = BEARER)})
    @ApiResponse(responseCode = "200", description = "The turn (also for a replayed Idempotency-Key)", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST, content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "401", description = "A token was sent and is invalid (none is needed)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = "An unknown or malformed session_id, or someone else's conversation",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409", description = "The conversation is closed (conversation_status)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "413", description = PAYLOAD_TOO_LARGE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "415", description = UNSUPPORTED_MEDIA_TYPE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = "An empty, blank, over-long or unclean message, an unknown channel, a bad locale,"
            + " metadata rules, a bad Idempotency-Key or the same key with another message",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @TooManyRequestsResponse
    ChatTurnResponse turn(@Body ChatTurnRequest body,
                       @Nullable @io.micronaut.http.annotation.Header("Idempotency-Key") @Parameter(name = "Idempotency-Key",
                               description = IDEMPOTENCY_KEY, schema = @Schema(type = "string", minLength = 1, maxLength = 128))
                       String idempotencyKey,
                       @Parameter(hidden = true) Caller caller) {
        ChatTurnCommand command = new ChatTurnCommand(JsonValues.text("session_id", body.sessionId()),
                JsonValues.text("message", body.message()), JsonValues.text("channel", body.channel()),
                JsonValues.text("locale", body.locale()), body.metadata(), idempotencyKey);
        return ChatTurnResponse.of(chat.turn(command, caller));
    }
}
