package io.parley.conversation.adapter.out.assistant;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

import java.util.Set;

/**
 * {@code parley.assistant.provider}: which {@link io.parley.conversation.application.port.out.AssistantPort}
 * answers. Created at startup so that a misspelt provider stops the service instead of silently
 * running the default.
 */
@Context
@ConfigurationProperties("parley.assistant")
class AssistantSettings {

    static final String KNOWLEDGE = "knowledge";
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
