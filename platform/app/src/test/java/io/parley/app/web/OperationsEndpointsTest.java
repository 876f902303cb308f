package io.parley.app.web;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API.md "Operations": health with the database, Prometheus metrics, the OpenAPI document and Swagger UI, all without a token. */
@MicronautTest
class OperationsEndpointsTest implements PostgresBacked {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TestHttp http;

    @BeforeEach
    void client() {
        http = new TestHttp(server.getURL(), json);
    }

    @Test
    @SuppressWarnings("unchecked")
    void health_is_up_and_includes_the_database() {
        var reply = http.get("/health", TestTokens.withRoles("ops", "admin"));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("UP", reply.field("status"));
        Map<String, Object> details = (Map<String, Object>) reply.field("details");
        assertTrue(details.containsKey("jdbc"), reply::toString);
    }

    @Test
    void anonymous_health_shows_the_status_but_no_internals() {
        var reply = http.get("/health", null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("UP", reply.field("status"));
        assertFalse(reply.body().contains("jdbc:postgresql"), reply::toString);
    }

    @Test
    void prometheus_exposes_jvm_and_http_metrics() {
        http.get("/health", null);
        var reply = http.get("/prometheus", null);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.body().contains("jvm_memory_used_bytes"), "jvm metrics");
        assertTrue(reply.body().contains("http_server_requests_seconds"), "http metrics");
    }

    @Test
    void the_openapi_document_is_served() {
        var reply = http.get("/openapi.yml", null);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.body().contains("openapi: 3"), reply::toString);
        assertTrue(reply.body().contains("title: Parley"), reply::toString);
        assertTrue(reply.body().contains("description: Conversation store"), "the generated document, not a placeholder");
    }

    @Test
    void swagger_ui_is_served() {
        var reply = http.get("/swagger-ui/index.html", null);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.body().toLowerCase().contains("swagger"), reply::toString);
    }
}
