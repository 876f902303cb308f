package io.parley.archfixtures.conversation.application.service;

import io.parley.archfixtures.knowledge.api.KnowledgeApi;

/** Breaks rule 4: conversations depend on no other module; the chat turn is what brings knowledge in. */
public class ServiceUsingKnowledgeApi {

    private final KnowledgeApi knowledge;

    public ServiceUsingKnowledgeApi(KnowledgeApi knowledge) {
        this.knowledge = knowledge;
    }
}
