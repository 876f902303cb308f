package io.parley.knowledge.application.port.out;

import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.knowledge.api.KnowledgePassage;
import io.parley.knowledge.domain.KnowledgeSearchHit;

import java.util.List;

/** PostgreSQL full-text search over the knowledge base (the GIN index on the generated tsvector). */
public interface SearchKnowledgePort {

    /**
     * What a person types in a search box: websearch syntax, all words required (unless {@code or}),
     * ranked by {@code ts_rank_cd}, each hit with a {@code ts_headline} snippet.
     */
    List<KnowledgeSearchHit> search(String text, KnowledgeLanguage language, int limit);

    /**
     * What a customer writes in a chat: a sentence rarely has all its words in one article, so a
     * document matches on any of them and is scored by cover density rank times the share of the
     * words it contains. Each document comes with its best-matching paragraph.
     */
    List<KnowledgePassage> findPassages(String text, KnowledgeLanguage language, int limit);
}
