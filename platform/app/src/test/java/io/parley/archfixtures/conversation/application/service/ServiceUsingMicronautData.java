package io.parley.archfixtures.conversation.application.service;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

/** Breaks rule 2: the application imports io.micronaut.data. */
public class ServiceUsingMicronautData {

    private final JdbcOperations jdbc;

    public ServiceUsingMicronautData(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }
}
