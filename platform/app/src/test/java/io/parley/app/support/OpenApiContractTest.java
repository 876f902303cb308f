package io.parley.app.support;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response check every web test goes through ({@link OpenApiContract}) bites: each kind of disagreement fails. */
@MicronautTest(transactional = false)
class OpenApiContractTest extends WebTest {

    private static final String CONVERSATION = """
            {"id": "01a20894-7a6e-71a5-bdbf-fb585593601e", "session_id": null, "user_id": null, "channel": "web", "locale": null,
             "status": "open", "summary": null, "message_count": 0, "started_at": "2026-11-23T13:24:38.149Z",
             "updated_at": "2026-11-23T13:24:38.149Z", "ended_at": null, "metadata": {}}""";
    private static final String PROBLEM = """
            {"type": "urn:parley:problem:not-found", "title": "Not Found", "status": 404, "detail": "No such resource."}""";
    private static final String ROUTE = "/api/v1/conversations/01a20894-7a6e-71a5-bdbf-fb585593601e";

    @Test
    void a_documented_answer_passes() {
        assertDoesNotThrow(() -> check("GET", ROUTE, reply(200, "application/json", CONVERSATION)));
        assertDoesNotThrow(() -> check("GET", ROUTE, reply(404, "application/problem+json", PROBLEM)));
    }

    @Test
    void a_status_the_operation_does_not_document_fails() {
        assertFails("GET", ROUTE, reply(409, "application/problem+json", PROBLEM.replace("404", "409")), "409");
    }

    @Test
    void a_content_type_the_operation_does_not_declare_fails() {
        assertFails("GET", ROUTE, reply(200, "text/plain", CONVERSATION), "contentType");
    }

    @Test
    void a_missing_member_fails() {
        assertFails("GET", ROUTE, reply(200, "application/json", CONVERSATION.replace("\"summary\": null,", "")), "summary");
    }

    @Test
    void a_null_where_the_document_says_never_null_fails() {
        assertFails("GET", ROUTE, reply(200, "application/json", CONVERSATION.replace("\"channel\": \"web\"", "\"channel\": null")), "channel");
    }

    @Test
    void a_value_outside_the_enum_fails() {
        assertFails("GET", ROUTE, reply(200, "application/json", CONVERSATION.replace("\"open\"", "\"paused\"")), "paused");
    }

    @Test
    void a_member_the_document_does_not_name_fails() {
        assertFails("GET", ROUTE, reply(200, "application/json", CONVERSATION.replace("{\"id\"", "{\"sessionId\": \"x\", \"id\"")), "sessionId");
    }

    @Test
    void an_error_that_is_not_a_problem_fails() {
        assertFails("GET", ROUTE, reply(404, "application/problem+json", "{\"error\": \"not found\"}"), "404");
    }

    @Test
    void a_route_the_document_lacks_must_answer_404_or_405_problem_json() {
        assertDoesNotThrow(() -> check("GET", "/api/v1/no-such-thing", reply(404, "application/problem+json", PROBLEM)));
        assertDoesNotThrow(() -> check("DELETE", "/api/v1/chat", reply(405, "application/problem+json",
                PROBLEM.replace("404", "405").replace("not-found", "method-not-allowed"))));
        assertFails("GET", "/api/v1/no-such-thing", reply(200, "application/json", "{}"), "path");
    }

    @Test
    void only_the_test_probes_and_static_files_are_not_checked() {
        assertDoesNotThrow(() -> check("GET", "/test-probe/whoami", reply(200, "application/json", "{\"anything\": 1}")));
        assertDoesNotThrow(() -> check("GET", "/swagger-ui/index.html", reply(200, "text/html", "<html></html>")));
        assertDoesNotThrow(() -> check("GET", "/console/", reply(200, "text/html", "<html></html>")));
        assertFails("GET", "/api/v1/chat", reply(200, "text/html", "<html></html>"), "notAllowed");
        assertEquals(List.of("/test-probe/", "/swagger-ui/", "/swagger/", "/console", "/chat", "/assets/"), OpenApiContract.UNDOCUMENTED,
                "keep the allow-list tiny and justified (OpenApiContract.UNDOCUMENTED)");
    }

    private void assertFails(String method, String path, TestHttp.Reply reply, String mentioned) {
        AssertionError failure = assertThrows(AssertionError.class, () -> check(method, path, reply));
        assertTrue(failure.getMessage().contains(mentioned), failure::getMessage);
    }

    private void check(String method, String path, TestHttp.Reply reply) {
        OpenApiContract.check(URI.create(server.getURL().toString()), method, path, reply);
    }

    private TestHttp.Reply reply(int status, String contentType, String body) {
        return new TestHttp.Reply(status, contentType, body, Map.of("Content-Type", List.of(contentType)), json);
    }
}
