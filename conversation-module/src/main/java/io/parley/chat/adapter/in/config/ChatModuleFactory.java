package io.parley.chat.adapter.in.config;

import io.micronaut.context.annotation.Factory;
import io.parley.chat.domain.AssistantPolicy;
import jakarta.inject.Singleton;

/** Beans of plain classes the chat turn needs: the configured {@link AssistantPolicy}. */
@Factory
class ChatModuleFactory {

    @Singleton
    AssistantPolicy assistantPolicy(KnowledgeAssistantSettings settings) {
        return settings.toPolicy();
    }
}
