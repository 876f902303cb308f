package io.parley.tracing.adapter.in.web;

import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.parley.kernel.RateLimitRefusal;
import io.parley.tracing.domain.ApiRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The caller kind the request log stores (what {@link io.parley.kernel.Caller#kind()} would say, never who), and
 * which answers it stores at all.
 */
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

    /** Runs the filter's two halves around an answer of {@code status}; returns the lines it handed to the log. */
    private static List<ApiRequest> logged(MutableHttpRequest<?> request, HttpStatus status) {
        List<ApiRequest> lines = new ArrayList<>();
        ApiRequestLogFilter filter = new ApiRequestLogFilter(lines::add, Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC));
        filter.arrived(request);
        filter.answered(request, HttpResponse.status(status));
        return lines;
    }

    @Test
    void a_write_the_rate_limiter_refused_is_not_logged_and_any_other_answer_is() {
        assertEquals(1, logged(HttpRequest.POST("/api/v1/chat", "{}"), HttpStatus.OK).size());
        assertEquals(1, logged(HttpRequest.POST("/api/v1/chat", "{}"), HttpStatus.TOO_MANY_REQUESTS).size(),
                "a 429 of anything else (a stream limit) is logged");
        MutableHttpRequest<?> refused = HttpRequest.POST("/api/v1/chat", "{}");
        refused.setAttribute(RateLimitRefusal.REQUEST_ATTRIBUTE, Boolean.TRUE);

        assertEquals(List.of(), logged(refused, HttpStatus.TOO_MANY_REQUESTS));
    }

    @Test
    void only_the_api_is_logged_with_its_method_status_and_the_time_it_arrived() {
        ApiRequest line = logged(HttpRequest.DELETE("/api/v1/conversations/x"), HttpStatus.NOT_FOUND).get(0);
        assertEquals("DELETE", line.method());
        assertEquals(404, line.statusCode());
        assertEquals(Instant.parse("2026-12-05T12:00:00Z"), line.at());
        assertEquals(1, logged(HttpRequest.GET("/api"), HttpStatus.NOT_FOUND).size());
        assertEquals(List.of(), logged(HttpRequest.GET("/health"), HttpStatus.OK));
        assertEquals(List.of(), logged(HttpRequest.GET("/apiary"), HttpStatus.NOT_FOUND));
        assertEquals(List.of(), logged(HttpRequest.GET("/console/"), HttpStatus.OK));
    }
}
