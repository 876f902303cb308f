package io.parley.archfixtures.app;

import io.parley.archfixtures.conversation.application.service.TransactionalService;

/**
 * Obeys the module graph (platform/app may depend on every module) but breaks rule 4 (app): it uses a module's
 * application service instead of its api.
 */
public class AppUsingApplication {

    private final TransactionalService service;

    public AppUsingApplication(TransactionalService service) {
        this.service = service;
    }
}
