package io.parley.knowledge.api;

import java.util.List;

/**
 * What other modules may ask of the knowledge base: the passages that best answer a customer's
 * message (the chat turn's retrieval). Runs in a short read-only transaction of its own when the
 * caller has none, so it can be asked outside the caller's transactions.
 */
public interface KnowledgeSearch {

    /**
     * Up to {@code limit} documents, best first, each with its best-matching paragraph. A sentence rarely
     * has all its words in one article, so a document matches on any of them and is scored by cover
     * density rank times the share of the words it contains. The words are stemmed in the language of
     * {@code locale} (english without one, {@code simple} for a language PostgreSQL has no stemmer for).
     */
    FoundPassages findPassages(String text, String locale, int limit);

    /** The passages, best first, and the text search configuration they were found with (e.g. {@code english}). */
    record FoundPassages(String language, List<KnowledgePassage> passages) {

        public FoundPassages {
            passages = List.copyOf(passages);
        }
    }
}
