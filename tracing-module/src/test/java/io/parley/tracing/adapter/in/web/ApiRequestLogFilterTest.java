package io.parley.tracing.adapter.in.web;

import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The caller kind the request log stores: what {@link io.parley.kernel.Caller#kind()} would say, never who. */
class ApiRequestLogFilterTest {

    private static String kind(List<String> roles, String endpoint) {
        MutableHttpRequest<?> request = HttpRequest.GET("/anything");
        if (roles != null) {
            request.setAttribute(HttpAttributes.PRINCIPAL, Authentication.build("someone", roles));
        }
        return ApiRequestLogFilter.callerKind(request, endpoint);
    }

    @Test
    void the_strongest_role_names_the_kind() {
        assertEquals("user", kind(List.of("user"), "/api/v1/x"));
        assertEquals("user", kind(List.of("astronaut"), "/api/v1/x"));
        assertEquals("agent", kind(List.of("user", "agent"), "/api/v1/x"));
        assertEquals("service", kind(List.of("service"), "/api/v1/x"));
        assertEquals("admin", kind(List.of("agent", "admin", "service"), "/api/v1/x"));
    }

    @Test
    void without_a_token_a_guest_route_is_a_guest_and_anything_else_anonymous() {
        assertEquals("guest", kind(null, "/api/v1/sessions/{session_id}/messages"));
        assertEquals("anonymous", kind(null, "/api/v1/conversations/{id}"));
        assertEquals("anonymous", kind(null, "(unmatched)"));
    }
}
