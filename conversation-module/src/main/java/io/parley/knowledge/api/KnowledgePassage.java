package io.parley.knowledge.api;

import java.util.List;
import java.util.UUID;

/**
 * The part of a document that best answers a question: its best-matching paragraph, with the
 * document's relevance {@code score} (0..1: cover density rank normalised by {@code rank / (rank + 1)},
 * times the share of the question's words the document contains) and tags.
 */
public record KnowledgePassage(UUID documentId, String title, List<String> tags, double score, String text) {

    /** The intent label of an answer taken from this passage when its document has no tags. */
    public static final String UNTAGGED_INTENT = "general";

    public KnowledgePassage {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The document's first tag: tags are written as intent labels, most specific first. */
    public String intent() {
        return tags.isEmpty() ? UNTAGGED_INTENT : tags.get(0);
    }

    /**
     * The passage as a readable excerpt of at most {@code maxChars} characters: whitespace collapsed,
     * cut after the last whole sentence that fits (or the last whole word, marked with an ellipsis).
     */
    public String excerpt(int maxChars) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= maxChars) {
            return flat;
        }
        String head = flat.substring(0, maxChars);
        int sentenceEnd = Math.max(head.lastIndexOf(". "), Math.max(head.lastIndexOf("! "), head.lastIndexOf("? ")));
        if (sentenceEnd >= maxChars / 3) {
            return head.substring(0, sentenceEnd + 1);
        }
        int space = head.lastIndexOf(' ', maxChars - 1);
        return (space > 0 ? head.substring(0, space) : head.substring(0, maxChars - 1)).stripTrailing() + "…";
    }
}
