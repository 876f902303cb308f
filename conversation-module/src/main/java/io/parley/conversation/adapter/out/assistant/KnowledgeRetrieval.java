package io.parley.conversation.adapter.out.assistant;

import io.parley.conversation.application.port.out.AssistantStep;
import io.parley.conversation.application.port.out.SearchKnowledgePort;
import io.parley.conversation.domain.KnowledgeLanguage;
import io.parley.conversation.domain.KnowledgePassage;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retrieval step both adapters share: the best passages for a message, in the conversation's language.
 * It opens its own read-only transaction when the caller has none, so the chat turn can (and should)
 * ask the assistant outside its own transaction: a model call can take seconds and must not hold a
 * database connection meanwhile.
 */
@Singleton
class KnowledgeRetrieval {

    private final SearchKnowledgePort search;
    private final Clock clock;

    KnowledgeRetrieval(SearchKnowledgePort search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Retrieval retrieve(String message, String locale, int limit) {
        KnowledgeLanguage language = KnowledgeLanguage.forLocale(locale);
        Instant started = clock.instant();
        List<KnowledgePassage> passages = search.findPassages(message, language, limit);
        Instant ended = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("language", language.configName());
        details.put("limit", limit);
        details.put("hits", passages.size());
        details.put("document_ids", passages.stream().map(p -> p.documentId().toString()).toList());
        details.put("scores", passages.stream().map(p -> Math.round(p.score() * 10_000) / 10_000.0).toList());
        return new Retrieval(passages,
                new AssistantStep(AssistantStep.Kind.RETRIEVAL, "knowledge_search", started, ended, null, null, null, details, null));
    }

    /** The ranked passages (best first) and the step that found them. */
    record Retrieval(List<KnowledgePassage> passages, AssistantStep step) {

        KnowledgePassage best() {
            return passages.isEmpty() ? null : passages.get(0);
        }

        double bestScore() {
            return passages.isEmpty() ? 0 : passages.get(0).score();
        }
    }
}
