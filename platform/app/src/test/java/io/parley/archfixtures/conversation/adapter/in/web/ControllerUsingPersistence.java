package io.parley.archfixtures.conversation.adapter.in.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.parley.archfixtures.conversation.adapter.out.persistence.PublicPersistenceAdapter;

/** Breaks rule 3: the web adapter touches the persistence adapter. */
@Controller("/fixture/using-persistence")
@Requires(property = "io.parley.archfixtures.are-never-beans")
class ControllerUsingPersistence {

    private final PublicPersistenceAdapter adapter;

    ControllerUsingPersistence(PublicPersistenceAdapter adapter) {
        this.adapter = adapter;
    }
}
