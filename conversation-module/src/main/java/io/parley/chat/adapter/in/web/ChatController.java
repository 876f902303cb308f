package io.parley.chat.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.chat.adapter.in.web.ChatReplies.ChatTurnReply;
import io.parley.chat.application.port.in.ChatTurnCommand;
import io.parley.chat.application.port.in.ChatTurnUseCase;
import io.parley.kernel.Caller;
import io.parley.kernel.JsonValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/v1/chat}, the assistant's front door (API.md "Chat"): guests need no token (the
 * {@code session_id} the first turn returns is their capability), signed-in users continue only their
 * own conversations. Always 200, also for a replayed {@code Idempotency-Key}.
 */
@Controller("/api/v1/chat")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Chat")
class ChatController {

    private final ChatTurnUseCase chat;

    ChatController(ChatTurnUseCase chat) {
        this.chat = chat;
    }

    /** The body is required: an optional body would let unreadable JSON pass as no body at all. */
    @Post
    @Operation(summary = "One chat turn: the customer's message, the assistant's reply, and the handoff when one is recommended",
            description = "Without session_id a conversation is started (channel, locale) and its session_id returned; with it the "
                    + "conversation continues (someone else's or unknown: 404, closed: 409). Idempotency-Key: a retry returns the first turn.")
    ChatTurnReply turn(@Body ChatTurnBody body, @Nullable @Header("Idempotency-Key") String idempotencyKey,
                       @Parameter(hidden = true) Caller caller) {
        ChatTurnCommand command = new ChatTurnCommand(JsonValues.text("session_id", body.sessionId()),
                JsonValues.text("message", body.message()), JsonValues.text("channel", body.channel()),
                JsonValues.text("locale", body.locale()), body.metadata(), idempotencyKey);
        return ChatTurnReply.of(chat.turn(command, caller));
    }
}
