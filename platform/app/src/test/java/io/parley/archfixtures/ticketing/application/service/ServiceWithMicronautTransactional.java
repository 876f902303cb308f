package io.parley.archfixtures.ticketing.application.service;

import io.micronaut.transaction.annotation.Transactional;

/** Follows the one-Transactional convention: Micronaut's annotation. */
public class ServiceWithMicronautTransactional {

    @Transactional
    public void work() {
    }
}
