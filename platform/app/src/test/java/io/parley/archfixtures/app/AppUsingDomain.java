package io.parley.archfixtures.app;

import io.parley.archfixtures.conversation.domain.Conversation;

/** Breaks rule 1 (a domain is used only by its own module) and rule 4 (app): platform/app uses a module's domain. */
public class AppUsingDomain {

    public Conversation start() {
        return Conversation.start(java.time.Instant.EPOCH);
    }
}
