package io.parley.archfixtures.conversation.domain;

import jakarta.inject.Provider;

/** Breaks rule 1: the domain imports Jakarta. */
public final class DomainUsingJakarta {

    private final Provider<Conversation> conversations;

    public DomainUsingJakarta(Provider<Conversation> conversations) {
        this.conversations = conversations;
    }
}
