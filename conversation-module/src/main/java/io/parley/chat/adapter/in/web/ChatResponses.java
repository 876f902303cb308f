package io.parley.chat.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.chat.application.port.in.ChatTurnResult;
import io.parley.conversation.api.MessageView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The response body of {@code POST /api/v1/chat} (docs/api.md "Chat"). Every member is always present (null when unknown).
 * In the OpenAPI document every member is required; {@code reply} and {@code handoff} may be null, which their schemas say
 * ({@code nullable} on the referenced schema, so that a validator and a generated client read a plain reference).
 */
final class ChatResponses {

    private ChatResponses() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ChatTurn", description = "The turn: the customer's message as stored, the assistant's reply, the handoff when a"
            + " person is needed", example = ChatTurnResponse.EXAMPLE)
    record ChatTurnResponse(@Schema(requiredMode = REQUIRED, description = "the guest's key to this conversation; keep it like a password")
                            String sessionId,
                            UUID conversationId, CustomerMessageResponse message,
                            AssistantMessageResponse reply,
                            HandoffResponse handoff) {

        static final String EXAMPLE = """
                {"session_id": "3uv1RWOVsMBeSySVGRIsKrvMDs_cO6WT", "conversation_id": "01a20894-7a6e-71a5-bdbf-fb585593601e",
                 "message": {"id": "01a20894-7a85-7fee-adf9-2489a1759070", "seq": 1, "role": "user",
                             "content": "How do I reset my password?", "redactions": 0, "created_at": "2026-11-23T13:24:38.149Z"},
                 "reply": {"id": "01a20894-7abb-7796-b017-dccc2f9791d7", "seq": 2, "role": "assistant",
                           "content": "If you forgot your password, select Forgot password on the sign-in page.",
                           "intent": "account.password_reset", "confidence": 0.846,
                           "sources": [{"document_id": "01a20894-77c3-7be7-8dd2-a4ce9a5e4c3f", "title": "Resetting a forgotten password"}],
                           "created_at": "2026-11-23T13:24:38.203Z"},
                 "handoff": null}""";

        static ChatTurnResponse of(ChatTurnResult turn) {
            MessageView m = turn.message();
            MessageView r = turn.reply();
            return new ChatTurnResponse(turn.conversation().sessionId(), turn.conversation().id(),
                    new CustomerMessageResponse(m.id(), m.seq(), m.role(), m.content(), m.redactions(), m.createdAt()),
                    r == null ? null : new AssistantMessageResponse(r.id(), r.seq(), r.role(), r.content(), r.intent(), r.confidence(),
                            turn.sources().stream().map(s -> new SourceResponse(s.documentId(), s.title())).toList(), r.createdAt()),
                    turn.handoff() == null ? null : HandoffResponse.of(turn.handoff()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ChatMessage", description = "The customer's message as stored (redacted)")
    record CustomerMessageResponse(UUID id, long seq,
                                   @Schema(requiredMode = REQUIRED, allowableValues = "user") String role,
                                   String content,
                                   @Schema(requiredMode = REQUIRED, description = "how many secrets were replaced") int redactions,
                                   Instant createdAt) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ChatReply", nullable = true, description = "The assistant's reply; null while a person holds the conversation")
    record AssistantMessageResponse(UUID id, long seq,
                                    @Schema(requiredMode = REQUIRED, allowableValues = "assistant") String role,
                                    String content,
                                    @Nullable @Schema(requiredMode = REQUIRED, example = "account.password_reset") String intent,
                                    @Nullable @Schema(requiredMode = REQUIRED, minimum = "0", maximum = "1") Double confidence,
                                    @Schema(requiredMode = REQUIRED, description = "the knowledge documents the reply is based on (may be"
                                            + " empty)") List<SourceResponse> sources,
                                    Instant createdAt) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ChatSource")
    record SourceResponse(UUID documentId, String title) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ChatHandoff", nullable = true, description = "null when no person is needed; otherwise the conversation's one"
            + " ticket was opened (or moved) to PENDING_HUMAN_ASSIGNMENT and its handoff queued")
    record HandoffResponse(boolean recommended,
                           String reason,
                           @Nullable @Schema(requiredMode = REQUIRED, allowableValues = {"internal", "zendesk", "freshdesk", "email"},
                                   description = "null when no ticketing is deployed or the escalation failed") String provider,
                           @Nullable @Schema(requiredMode = REQUIRED, description = "null when no ticketing is deployed or the escalation"
                                   + " failed") UUID ticketId,
                           @Nullable @Schema(requiredMode = REQUIRED, example = "T-1042") String ticketNumber,
                           @Schema(requiredMode = REQUIRED, allowableValues = {"pending", "created", "routed", "resolved", "failed"},
                                   description = "the handoff's status, as GET .../handoff answers it") String status) {

        static HandoffResponse of(ChatTurnResult.Handoff handoff) {
            return new HandoffResponse(handoff.recommended(), handoff.reason(), handoff.provider(), handoff.ticketId(), handoff.ticketNumber(),
                    handoff.status());
        }
    }
}
