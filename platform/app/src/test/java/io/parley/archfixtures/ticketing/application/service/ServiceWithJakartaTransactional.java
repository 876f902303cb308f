package io.parley.archfixtures.ticketing.application.service;

import jakarta.transaction.Transactional;

/** Breaks the one-Transactional convention: Jakarta's annotation where the code base uses Micronaut's. */
public class ServiceWithJakartaTransactional {

    @Transactional
    public void work() {
    }
}
