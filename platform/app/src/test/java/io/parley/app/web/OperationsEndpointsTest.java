package io.parley.app.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operations (docs/api.md): health with the database, the OpenAPI document and Swagger UI without a token;
 * Prometheus metrics for admins only; no token introspection endpoint.
 */
@MicronautTest
class OperationsEndpointsTest extends WebTest {


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
    void prometheus_exposes_jvm_and_http_metrics_to_an_admin() {
        http.get("/health", null);
        var reply = http.get("/prometheus", TestTokens.withRoles("ops", "admin"));
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.body().contains("jvm_memory_used_bytes"), "jvm metrics");
        assertTrue(reply.body().contains("http_server_requests_seconds"), "http metrics");
    }

    @Test
    void prometheus_needs_an_admin_token() {
        assertEquals(401, http.get("/prometheus", null).status());
        assertEquals(401, http.get("/prometheus", TestTokens.signedWithAnotherSecret("ops")).status());
        for (String role : new String[] {"user", "agent", "service"}) {
            var reply = http.get("/prometheus", TestTokens.withRoles("someone", role));
            assertEquals(403, reply.status(), role);
            assertFalse(reply.body().contains("jvm_memory_used_bytes"), role);
        }
    }

    @Test
    void there_is_no_token_introspection_endpoint() {
        String token = TestTokens.withRoles("ops", "admin");
        for (String method : new String[] {"GET", "POST"}) {
            var reply = http.send(method, "/token_info", token, null, null);
            assertEquals(404, reply.status(), method + " " + reply);
            assertFalse(reply.body().contains("\"ops\""), "the claims are not echoed");
        }
    }

    @Test
    void the_openapi_document_is_served() {
        var reply = http.get("/openapi.yml", null);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.body().contains("openapi: 3"), reply::toString);
        assertTrue(reply.body().contains("title: Parley"), reply::toString);
        assertTrue(reply.body().contains("Conversation store and support-workflow backend"), "the generated document, not a placeholder");
    }

    @Test
    void swagger_ui_is_served() {
        var reply = http.get("/swagger-ui/index.html", null);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.body().toLowerCase().contains("swagger"), reply::toString);
    }
}
