package io.parley.app.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/** The one check every error response must pass: the status, RFC 9457 shape, and nothing internal leaked. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static Map<String, Object> assertProblem(TestHttp.Reply reply, int status) {
        assertEquals(status, reply.status(), () -> "unexpected status: " + reply);
        assertTrue(reply.isProblem(), () -> "not problem+json: " + reply);
        Map<String, Object> body = reply.map();
        assertEquals(status, ((Number) body.get("status")).intValue(), () -> "status member: " + reply);
        assertNotNull(body.get("type"), "type");
        assertNotNull(body.get("title"), "title");
        assertNotNull(body.get("detail"), "detail");
        String raw = reply.body().toLowerCase();
        for (String leak : new String[]{"exception", "\tat ", "org.postgresql", "sqlstate", "select ", "insert into", "io.micronaut"}) {
            assertFalse(raw.contains(leak), () -> "response leaks internals (" + leak + "): " + reply);
        }
        return body;
    }
}
