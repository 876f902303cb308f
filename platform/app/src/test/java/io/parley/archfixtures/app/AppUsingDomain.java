package io.parley.archfixtures.app;

import io.parley.archfixtures.conversation.domain.Conversation;

/** Breaks rule 1: platform/app may use every module, but a domain only through its own module. */
public class AppUsingDomain {

    public Conversation start() {
        return Conversation.start(java.time.Instant.EPOCH);
    }
}
