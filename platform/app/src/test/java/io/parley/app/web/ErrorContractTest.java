package io.parley.app.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** docs/api.md "Errors": every failure is RFC 9457 problem+json with the right status, and nothing internal leaks. */
@MicronautTest
class ErrorContractTest extends WebTest {


    @Test
    void a_well_formed_body_passes_and_uses_snake_case() {
        var reply = http.post("/test-probe/echo", null, "{\"text\":\"hi\",\"number\":3}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("hi", reply.field("text"));
    }

    @Test
    void malformed_json_is_400() {
        assertProblem(http.post("/test-probe/echo", null, "{\"text\": \"unclosed"), 400);
    }

    @Test
    void a_value_of_the_wrong_type_is_400() {
        assertProblem(http.post("/test-probe/echo", null, "{\"text\":\"x\",\"number\":\"many\"}"), 400);
    }

    @Test
    void a_json_array_where_an_object_belongs_is_400() {
        assertProblem(http.post("/test-probe/echo", null, "[1,2,3]"), 400);
    }

    @Test
    void a_wrong_content_type_is_415() {
        var reply = http.send("POST", "/test-probe/echo", null, "text/plain", "text=hi".getBytes(StandardCharsets.UTF_8));
        assertProblem(reply, 415);
    }

    @Test
    void a_body_over_256_KiB_is_413_with_the_request_id() {
        String huge = "{\"text\":\"" + "a".repeat(300 * 1024) + "\",\"number\":1}";
        var reply = http.post("/test-probe/echo", null, huge);
        assertProblem(reply, 413);
        // the body limit runs right after the request id filter: the refusal is traceable like any answer
        assertNotNull(reply.header("X-Request-Id"));
    }

    @Test
    void a_chunked_body_over_256_KiB_is_413_too() {
        String huge = "{\"text\":\"" + "a".repeat(300 * 1024) + "\",\"number\":1}";
        assertProblem(http.postChunked("/test-probe/echo", null, huge.getBytes(StandardCharsets.UTF_8)), 413);
    }

    @Test
    void a_body_just_under_256_KiB_passes_the_limit() {
        String prefix = "{\"text\":\"";
        String suffix = "\",\"number\":1}";
        String fits = prefix + "a".repeat(256 * 1024 - prefix.length() - suffix.length()) + suffix;
        assertEquals(256 * 1024, fits.length());
        assertEquals(200, http.post("/test-probe/echo", null, fits).status());
        assertEquals(200, http.postChunked("/test-probe/echo", null, fits.getBytes(StandardCharsets.UTF_8)).status());
    }

    @Test
    void an_unknown_route_is_404() {
        assertProblem(http.get("/api/v1/no-such-thing", null), 404);
    }

    @Test
    void a_wrong_method_is_405() {
        assertProblem(http.send("DELETE", "/test-probe/echo", null, null, null), 405);
    }

    @Test
    void a_secured_route_without_a_token_is_401() {
        assertProblem(http.get("/test-probe/admin-only", null), 401);
    }

    @Test
    void an_expired_token_is_401_even_on_a_guest_route() {
        assertProblem(http.get("/test-probe/whoami", TestTokens.expired("alice")), 401);
    }

    @Test
    void a_token_signed_with_another_secret_is_401() {
        assertProblem(http.get("/test-probe/whoami", TestTokens.signedWithAnotherSecret("alice")), 401);
    }

    @Test
    void garbage_in_the_authorization_header_is_401() {
        var reply = http.send("GET", "/test-probe/whoami", null, null, null, Map.of("Authorization", "Bearer not.a.jwt"));
        assertProblem(reply, 401);
    }

    @Test
    void a_role_that_is_not_allowed_is_403() {
        assertProblem(http.get("/test-probe/admin-only", TestTokens.user("alice")), 403);
    }

    @Test
    void the_allowed_role_passes() {
        var reply = http.get("/test-probe/admin-only", TestTokens.withRoles("root", "admin"));
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void a_token_without_roles_is_a_user() {
        var reply = http.get("/test-probe/whoami", TestTokens.withRoles("bob"));
        assertEquals(Map.of("authenticated", true, "subject", "bob", "roles", List.of("user")), reply.map());
    }

    @Test
    void no_token_is_an_anonymous_caller() {
        var reply = http.get("/test-probe/whoami", null);
        assertEquals(false, reply.field("authenticated"));
    }

    @Test
    void domain_not_found_is_404() {
        assertEquals("conversation not found", assertProblem(http.get("/test-probe/fail/not-found", null), 404).get("detail"));
    }

    @Test
    void domain_forbidden_is_403() {
        assertProblem(http.get("/test-probe/fail/forbidden", null), 403);
    }

    @Test
    void a_conflict_is_409_with_its_extension_members() {
        var body = assertProblem(http.get("/test-probe/fail/conflict", null), 409);
        assertEquals(7, ((Number) body.get("current_version")).intValue());
    }

    @Test
    void a_rule_violation_is_422_naming_the_field() {
        var body = assertProblem(http.get("/test-probe/fail/rule", null), 422);
        assertEquals(List.of(Map.of("field", "content", "message", "must not be empty")), body.get("errors"));
    }

    @Test
    void an_unexpected_error_is_500_without_internals() {
        var body = assertProblem(http.get("/test-probe/fail/bug", null), 500);
        assertEquals("An internal error occurred.", body.get("detail"));
    }

    @Test
    void every_response_carries_a_request_id_and_keeps_a_sane_one_from_the_client() {
        assertNotNull(http.get("/health", null).header("X-Request-Id"));
        var reply = http.send("GET", "/health", null, null, null, Map.of("X-Request-Id", "client-req-12345"));
        assertEquals("client-req-12345", reply.header("X-Request-Id"));
    }
}
