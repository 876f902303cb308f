package io.parley.chat.adapter.out.assistant;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.parley.chat.domain.AssistantReply;

import java.util.Set;

/**
 * {@code parley.assistant.provider}: {@code knowledge} (no model: the chat turn quotes the knowledge base) or
 * the {@link io.parley.chat.application.port.out.AssistantPort} that answers ({@code openai}). Created at startup
 * so that a misspelt provider stops the service instead of silently running the default.
 */
@Context
@ConfigurationProperties("parley.assistant")
class AssistantSettings {

    static final String KNOWLEDGE = AssistantReply.KNOWLEDGE;
    static final String OPENAI = "openai";
    private static final Set<String> PROVIDERS = Set.of(KNOWLEDGE, OPENAI);

    private String provider = KNOWLEDGE;

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("parley.assistant.provider must be knowledge or openai, not '" + provider + "'");
        }
        this.provider = provider;
    }
}
