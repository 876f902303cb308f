package io.parley.chat.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.chat.application.port.in.ChatTurnResult;
import io.parley.conversation.api.MessageView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The response body of {@code POST /api/v1/chat} (API.md "Chat"). Every member is always present (null when unknown). */
final class ChatReplies {

    private ChatReplies() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ChatTurnReply(String sessionId, UUID conversationId, CustomerMessageReply message, AssistantMessageReply reply,
                         @Nullable HandoffReply handoff) {

        static ChatTurnReply of(ChatTurnResult turn) {
            MessageView m = turn.message();
            MessageView r = turn.reply();
            return new ChatTurnReply(turn.conversation().sessionId(), turn.conversation().id(),
                    new CustomerMessageReply(m.id(), m.seq(), m.role(), m.content(), m.redactions(), m.createdAt()),
                    new AssistantMessageReply(r.id(), r.seq(), r.role(), r.content(), r.intent(), r.confidence(),
                            turn.sources().stream().map(s -> new SourceReply(s.documentId(), s.title())).toList(), r.createdAt()),
                    turn.handoff() == null ? null : HandoffReply.of(turn.handoff()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CustomerMessageReply(UUID id, long seq, String role, String content, int redactions, Instant createdAt) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AssistantMessageReply(UUID id, long seq, String role, String content, @Nullable String intent, @Nullable Double confidence,
                                 List<SourceReply> sources, Instant createdAt) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SourceReply(UUID documentId, String title) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record HandoffReply(boolean recommended, String reason, @Nullable String provider, @Nullable UUID ticketId,
                        @Nullable String ticketNumber, String status) {

        static HandoffReply of(ChatTurnResult.Handoff handoff) {
            return new HandoffReply(true, handoff.reason(), handoff.provider(), handoff.ticketId(), handoff.ticketNumber(),
                    handoff.status());
        }
    }
}
