package io.parley.chat.domain;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The assistant's answer to one message, and what it did to get there.
 *
 * @param text               the reply to append as the {@code assistant} message (at most {@link #MAX_TEXT} characters)
 * @param intent             a label such as {@code billing.refund} (the first tag of the source article),
 *                           {@code support.human_agent} or {@code unknown}
 * @param confidence         0..1; at least 0.5 means the reply answers from the knowledge base
 *                           (see {@code AssistantConfidence})
 * @param sources            the knowledge documents the reply is based on, best first (empty on a handoff)
 * @param handoffRecommended true when a person should take over; the chat turn then escalates
 * @param handoffReason      why, in words for the ticket (null when no handoff is recommended)
 * @param provider           who wrote {@code text}: {@code knowledge} ({@link #KNOWLEDGE}) or a model provider such as {@code openai}
 * @param fallbackReason     set when the configured provider failed and {@code knowledge} answered instead
 * @param steps              retrieval, generation and handoff decision, in order, for the turn's trace
 */
public record AssistantReply(String text, String intent, double confidence, List<Source> sources,
                             boolean handoffRecommended, String handoffReason, String provider, String fallbackReason,
                             List<AssistantStep> steps) {

    /** The content limit of an assistant message (docs/api.md "Text"). */
    public static final int MAX_TEXT = 8000;
    /** The provider of replies the service writes itself from the knowledge base, without a model. */
    public static final String KNOWLEDGE = "knowledge";

    public AssistantReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(provider, "provider");
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be within 0..1");
        }
        if (handoffRecommended && handoffReason == null) {
            throw new IllegalArgumentException("a recommended handoff needs a reason");
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A knowledge document a reply cites. */
    public record Source(UUID documentId, String title) {
    }
}
