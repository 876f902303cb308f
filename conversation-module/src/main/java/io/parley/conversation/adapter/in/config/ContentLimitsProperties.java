package io.parley.conversation.adapter.in.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.parley.conversation.domain.ContentLimits;

/**
 * {@code parley.conversation.content-limits.*}: the longest message content per role, in characters
 * (environment: {@code PARLEY_CONVERSATION_CONTENT_LIMITS_USER} and so on). Defaults in code, so
 * the application needs no configuration to run.
 */
@ConfigurationProperties("parley.conversation.content-limits")
record ContentLimitsProperties(@Bindable(defaultValue = "1000") int user,
                               @Bindable(defaultValue = "8000") int assistant,
                               @Bindable(defaultValue = "8000") int system) {

    ContentLimits toLimits() {
        return new ContentLimits(user, assistant, system);
    }
}
