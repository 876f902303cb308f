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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies, exactly as API.md names them; absent values are sent as null rather than left out. */
final class Responses {

    private Responses() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ConversationBody(UUID id, @Nullable String sessionId, @Nullable UUID userId, String channel, @Nullable String locale,
                            String status, @Nullable String summary, long messageCount, Instant startedAt,
                            Instant updatedAt, @Nullable Instant endedAt, Map<String, Object> metadata) {

        /**
         * The session id of a guest conversation is the guest's capability: shown to the customer (who
         * has it anyway), null for staff reading the conversation, so an agent, admin or service
         * cannot act as the guest.
         */
        static ConversationBody of(Conversation c, Caller viewer) {
            return of(c, ConversationAccess.isCustomer(c, viewer));
        }

        /** On a session route the caller named the session: it is theirs to see. */
        static ConversationBody of(Conversation c, boolean sessionVisible) {
            return new ConversationBody(c.id(), sessionVisible ? c.sessionId() : null, c.userId(), c.channel().wireValue(), c.locale(),
                    c.status().wireValue(), c.summary(), c.messageCount(), c.startedAt(), c.updatedAt(), c.endedAt(),
                    c.metadata());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record MessageBody(UUID id, UUID conversationId, long seq, String role, String content, @Nullable String intent,
                       @Nullable Double confidence, Map<String, Object> metadata, int redactions, Instant createdAt) {

        static MessageBody of(Message m) {
            return new MessageBody(m.id(), m.conversationId(), m.seq(), m.role().wireValue(), m.content(), m.intent(),
                    m.confidence(), m.metadata(), m.redactions(), m.createdAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FeedbackBody(UUID conversationId, int rating, @Nullable String comment, int redactions, Instant createdAt,
                        Instant updatedAt) {

        static FeedbackBody of(RecordedFeedback recorded) {
            var f = recorded.feedback();
            return new FeedbackBody(f.conversationId(), f.rating(), f.comment(), recorded.redactions(), f.createdAt(), f.updatedAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ConversationPage(List<ConversationBody> items, @Nullable String nextCursor) {

        /** The caller's own conversations. */
        static ConversationPage of(Page<Conversation> page, Caller owner) {
            return new ConversationPage(page.items().stream().map(c -> ConversationBody.of(c, owner)).toList(), page.nextCursor());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record MessagePage(List<MessageBody> items, @Nullable String nextCursor) {

        static MessagePage of(Page<Message> page) {
            return new MessagePage(page.items().stream().map(MessageBody::of).toList(), page.nextCursor());
        }
    }
}
