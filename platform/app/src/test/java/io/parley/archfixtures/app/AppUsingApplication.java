package io.parley.archfixtures.app;

import io.parley.archfixtures.conversation.application.service.TransactionalService;

/** Obeys rule 4: platform/app may use every module. */
public class AppUsingApplication {

    private final TransactionalService service;

    public AppUsingApplication(TransactionalService service) {
        this.service = service;
    }
}
