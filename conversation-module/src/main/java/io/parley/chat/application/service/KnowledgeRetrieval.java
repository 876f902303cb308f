package io.parley.chat.application.service;

import io.parley.chat.domain.AssistantStep;
import io.parley.knowledge.api.KnowledgePassage;
import io.parley.knowledge.api.KnowledgeSearch;
import io.parley.knowledge.api.KnowledgeSearch.FoundPassages;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The retrieval step of every reply: the best passages for a message, in the conversation's language,
 * from the knowledge base ({@link KnowledgeSearch}, which opens its own read-only transaction when the caller
 * has none, so the chat turn can, and should, ask the assistant outside its own transaction: a model call can
 * take seconds and must not hold a database connection meanwhile).
 */
@Singleton
public class KnowledgeRetrieval {

    private final KnowledgeSearch search;
    private final Clock clock;

    public KnowledgeRetrieval(KnowledgeSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    public Retrieval retrieve(String message, String locale, int limit) {
        Instant started = clock.instant();
        FoundPassages found = search.findPassages(message, locale, limit);
        Instant ended = clock.instant();
        List<KnowledgePassage> passages = found.passages();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("language", found.language());
        details.put("limit", limit);
        details.put("hits", passages.size());
        details.put("document_ids", passages.stream().map(p -> p.documentId().toString()).toList());
        details.put("scores", passages.stream().map(p -> Math.round(p.score() * 10_000) / 10_000.0).toList());
        return new Retrieval(passages,
                new AssistantStep(AssistantStep.Kind.RETRIEVAL, "knowledge_search", started, ended, null, null, null, details, null));
    }

    /** The ranked passages (best first) and the step that found them. */
    public record Retrieval(List<KnowledgePassage> passages, AssistantStep step) {

        /** The best passage, null when nothing matched. */
        KnowledgePassage best() {
            return passages.isEmpty() ? null : passages.get(0);
        }

        /** The best passage's score, empty when nothing matched. */
        OptionalDouble bestScore() {
            return passages.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(passages.get(0).score());
        }
    }
}
