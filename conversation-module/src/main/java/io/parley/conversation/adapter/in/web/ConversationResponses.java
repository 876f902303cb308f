package io.parley.conversation.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.application.port.in.RecordedFeedback;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.conversation.domain.Message;
import io.parley.kernel.Caller;
import io.parley.kernel.Page;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * Response bodies, exactly as docs/api.md names them; absent values are sent as null rather than left out. In the OpenAPI
 * document every member is required (a {@code @Schema} without {@code requiredMode} would make it optional).
 */
final class ConversationResponses {

    private ConversationResponses() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Conversation", example = ConversationResponse.EXAMPLE)
    record ConversationResponse(UUID id,
                                @Nullable @Schema(requiredMode = REQUIRED, description = "shown to the conversation's customer only;"
                                        + " null for staff") String sessionId,
                                @Nullable @Schema(requiredMode = REQUIRED, description = "the owner's user id; null for a guest conversation")
                                UUID userId,
                                @Schema(requiredMode = REQUIRED, allowableValues = {"web", "mobile", "email", "api"}) String channel,
                                @Nullable @Schema(requiredMode = REQUIRED, example = "en-US") String locale,
                                @Schema(requiredMode = REQUIRED, allowableValues = {"open", "closed"}) String status,
                                @Nullable @Schema(requiredMode = REQUIRED, description = "a preview of the first user message (at most 100"
                                        + " characters), unless set with PATCH; null before") String summary,
                                @Schema(requiredMode = REQUIRED, description = "the last seq") long messageCount,
                                Instant startedAt,
                                @Schema(requiredMode = REQUIRED, description = "the time of the last change") Instant updatedAt,
                                @Nullable @Schema(requiredMode = REQUIRED, description = "set when closed") Instant endedAt,
                                @Schema(requiredMode = REQUIRED, type = "object", additionalProperties = TRUE) Map<String, Object> metadata) {

        static final String EXAMPLE = """
                {"id": "01a20894-7a6e-71a5-bdbf-fb585593601e", "session_id": null, "user_id": "01a20894-7a50-7c1e-9d2b-5d0c1e3f4a11",
                 "channel": "web", "locale": "en-US", "status": "open", "summary": "I was charged twice for my order",
                 "message_count": 2, "started_at": "2026-11-23T13:24:38.149Z", "updated_at": "2026-11-23T13:24:38.203Z",
                 "ended_at": null, "metadata": {}}""";

        /**
         * The session id of a guest conversation is the guest's capability: shown to the customer (who
         * has it anyway), null for staff reading the conversation, so an agent, admin or service
         * cannot act as the guest.
         */
        static ConversationResponse of(Conversation c, Caller viewer) {
            return of(c, ConversationAccess.isCustomer(c, viewer));
        }

        /** On a session route the caller named the session: it is theirs to see. */
        static ConversationResponse of(Conversation c, boolean sessionVisible) {
            return new ConversationResponse(c.id(), sessionVisible ? c.sessionId() : null, c.userId(), c.channel().wireValue(), c.locale(),
                    c.status().wireValue(), c.summary(), c.messageCount(), c.startedAt(), c.updatedAt(), c.endedAt(),
                    c.metadata());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Message", description = "A message as stored (redacted); never changed after it is written", example = MessageResponse.EXAMPLE)
    record MessageResponse(UUID id, UUID conversationId,
                           @Schema(requiredMode = REQUIRED, description = "1, 2, 3… per conversation without gaps") long seq,
                           @Schema(requiredMode = REQUIRED, allowableValues = {"user", "assistant", "system"}) String role,
                           String content,
                           @Nullable @Schema(requiredMode = REQUIRED) String intent,
                           @Nullable @Schema(requiredMode = REQUIRED, minimum = "0", maximum = "1") Double confidence,
                           @Schema(requiredMode = REQUIRED, type = "object", additionalProperties = TRUE) Map<String, Object> metadata,
                           @Schema(requiredMode = REQUIRED, description = "how many secrets were replaced") int redactions,
                           Instant createdAt) {

        static final String EXAMPLE = """
                {"id": "01a20894-7abb-7796-b017-dccc2f9791d7", "conversation_id": "01a20894-7a6e-71a5-bdbf-fb585593601e", "seq": 3,
                 "role": "assistant", "content": "I have sent you a password reset link.", "intent": null, "confidence": null,
                 "metadata": {"author": "agent:ada"}, "redactions": 0, "created_at": "2026-11-23T13:26:10.004Z"}""";

        static MessageResponse of(Message m) {
            return new MessageResponse(m.id(), m.conversationId(), m.seq(), m.role().wireValue(), m.content(), m.intent(),
                    m.confidence(), m.metadata(), m.redactions(), m.createdAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Feedback", description = "The conversation's one rating")
    record FeedbackResponse(UUID conversationId, @Schema(requiredMode = REQUIRED, minimum = "0", maximum = "5") int rating,
                            @Nullable @Schema(requiredMode = REQUIRED) String comment, int redactions, Instant createdAt,
                            Instant updatedAt) {

        static FeedbackResponse of(RecordedFeedback recorded) {
            var f = recorded.feedback();
            return new FeedbackResponse(f.conversationId(), f.rating(), f.comment(), recorded.redactions(), f.createdAt(), f.updatedAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ConversationPage")
    record ConversationPageResponse(List<ConversationResponse> items,
                                    @Nullable @Schema(requiredMode = REQUIRED, description = "null on the last page") String nextCursor) {

        /** The caller's own conversations. */
        static ConversationPageResponse of(Page<Conversation> page, Caller owner) {
            return new ConversationPageResponse(page.items().stream().map(c -> ConversationResponse.of(c, owner)).toList(), page.nextCursor());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "MessagePage")
    record MessagePageResponse(List<MessageResponse> items,
                               @Nullable @Schema(requiredMode = REQUIRED, description = "null on the last page") String nextCursor) {

        static MessagePageResponse of(Page<Message> page) {
            return new MessagePageResponse(page.items().stream().map(MessageResponse::of).toList(), page.nextCursor());
        }
    }

    /** {@code ?format=json} of a transcript, as {@link TranscriptStream} writes it: documentation of the streamed body. */
    @Schema(name = "Transcript", description = "The whole conversation (format=json)")
    record TranscriptResponse(ConversationResponse conversation, List<MessageResponse> messages) {
    }
}
