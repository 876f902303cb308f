package io.parley.chat.application.service;

import io.parley.chat.application.port.in.ChatTurnResult;
import io.parley.chat.domain.AssistantReply;
import io.parley.conversation.api.MessageView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What an assistant reply of the chat keeps in its message metadata, so that a replayed turn answers
 * exactly as the first did: {@code in_reply_to} (the customer message's id), {@code provider},
 * {@code sources} ({@code [{document_id, title}]}), {@code handoff} ({@code {recommended, reason}}) and,
 * when the configured provider failed, {@code fallback_reason}.
 */
final class ChatReplyMetadata {

    static final String IN_REPLY_TO = "in_reply_to";
    static final String PROVIDER = "provider";
    static final String SOURCES = "sources";
    static final String HANDOFF = "handoff";
    static final String FALLBACK_REASON = "fallback_reason";

    private ChatReplyMetadata() {
    }

    static Map<String, Object> of(UUID inReplyTo, AssistantReply reply) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(IN_REPLY_TO, inReplyTo.toString());
        metadata.put(PROVIDER, reply.provider());
        List<Map<String, Object>> sources = new ArrayList<>();
        for (AssistantReply.Source source : reply.sources()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("document_id", source.documentId().toString());
            entry.put("title", source.title());
            sources.add(entry);
        }
        metadata.put(SOURCES, sources);
        Map<String, Object> handoff = new LinkedHashMap<>();
        handoff.put("recommended", reply.handoffRecommended());
        handoff.put("reason", reply.handoffReason());
        metadata.put(HANDOFF, handoff);
        if (reply.fallbackReason() != null) {
            metadata.put(FALLBACK_REASON, reply.fallbackReason());
        }
        return metadata;
    }

    static List<ChatTurnResult.Source> sources(MessageView reply) {
        if (!(reply.metadata().get(SOURCES) instanceof List<?> list)) {
            return List.of();
        }
        List<ChatTurnResult.Source> sources = new ArrayList<>();
        for (Object element : list) {
            if (element instanceof Map<?, ?> entry && entry.get("document_id") instanceof String id) {
                sources.add(new ChatTurnResult.Source(UUID.fromString(id), (String) entry.get("title")));
            }
        }
        return sources;
    }

    /** The reason of the recommended handoff, or empty when the reply recommended none. */
    static Optional<String> handoffReason(MessageView reply) {
        if (reply.metadata().get(HANDOFF) instanceof Map<?, ?> handoff && Boolean.TRUE.equals(handoff.get("recommended"))) {
            return Optional.of(handoff.get("reason") instanceof String reason ? reason : "");
        }
        return Optional.empty();
    }

    static String provider(MessageView reply) {
        return reply.metadata().get(PROVIDER) instanceof String provider ? provider : null;
    }
}
