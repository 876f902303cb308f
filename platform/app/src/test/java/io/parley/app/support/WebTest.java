package io.parley.app.support;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * The harness every web test shares: the application on this run's own database ({@link PostgresBacked}),
 * its embedded server, and {@link #http}, a raw client for it. A web test is
 * {@code @MicronautTest(transactional = false) class XWebTest extends WebTest}.
 */
public abstract class WebTest implements PostgresBacked {

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected JsonMapper json;
    /** A fresh client before each test (the server's port is only known once it runs). */
    protected TestHttp http;

    @BeforeEach
    void connectTheClient() {
        http = new TestHttp(server.getURL(), json);
    }
}
