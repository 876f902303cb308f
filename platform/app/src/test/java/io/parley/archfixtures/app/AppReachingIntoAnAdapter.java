package io.parley.archfixtures.app;

import io.parley.archfixtures.conversation.adapter.out.persistence.PublicPersistenceAdapter;

import java.util.UUID;

/** Breaks rule 4 (app): platform/app reaches past a module's api into one of its adapters. */
public class AppReachingIntoAnAdapter {

    public boolean exists(UUID conversationId) {
        return new PublicPersistenceAdapter().load(conversationId).isPresent();
    }
}
