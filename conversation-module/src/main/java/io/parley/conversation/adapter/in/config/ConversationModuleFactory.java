package io.parley.conversation.adapter.in.config;

import io.micronaut.context.annotation.Factory;
import io.parley.conversation.domain.ContentLimits;
import io.parley.kernel.redaction.Redactor;
import jakarta.inject.Singleton;

/** Beans of plain classes the conversation module's services need: the configured limits and the kernel's Redactor. */
@Factory
class ConversationModuleFactory {

    @Singleton
    ContentLimits contentLimits(ContentLimitsProperties properties) {
        return properties.toLimits();
    }

    @Singleton
    Redactor redactor() {
        return Redactor.standard();
    }
}
