package io.parley.archfixtures.knowledge.api;

import java.util.List;

/** Obeys every rule: what other modules may use of the knowledge module. */
public interface KnowledgeApi {

    List<String> passages(String question);
}
