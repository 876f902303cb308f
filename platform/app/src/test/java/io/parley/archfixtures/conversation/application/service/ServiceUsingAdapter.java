package io.parley.archfixtures.conversation.application.service;

import io.parley.archfixtures.conversation.adapter.out.persistence.PublicPersistenceAdapter;

/** Breaks rule 2: the application imports an adapter. */
public class ServiceUsingAdapter {

    private final PublicPersistenceAdapter adapter;

    public ServiceUsingAdapter(PublicPersistenceAdapter adapter) {
        this.adapter = adapter;
    }
}
