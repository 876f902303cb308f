package io.parley.resilience;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.testing.RetentionFixtures;
import io.parley.app.support.TestTokens;
import io.parley.kernel.Ids;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, resilience 2: a table of hostile requests against every endpoint. Each one must be refused
 * with a 4xx {@code application/problem+json} (the exact status where docs/api.md names one), never a 5xx,
 * never quoting internals, and must change nothing in the database; the service is healthy afterwards.
 *
 * <p>Requests go out over a raw socket ({@link RawHttp}) so that invalid UTF-8, NUL bytes and oversized
 * headers reach the server exactly as written. Targets and bodies name the fixtures with placeholders
 * ({@code {conv}}, {@code {session}}, {@code {ticket}}, {@code {doc}}, {@code {message}}, {@code {version}},
 * {@code {new_id}}) that are filled in when the request is sent.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputCorpusTest implements PostgresBacked {

    /** Any 4xx is acceptable; otherwise the status docs/api.md prescribes. */
    static final int ANY_4XX = 0;

    /** Who sends it: a role's token, no token (guest) or a raw Authorization header. */
    enum As { USER, SERVICE, AGENT, ADMIN, GUEST }

    record Hostile(String name, String method, String target, As as, Map<String, byte[]> headers, byte[] body, int expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** A route that takes a JSON body, with a body it would accept: the hostile variants start from it. */
    record BodyRoute(String method, String target, As as, String validBody) {

        String label() {
            return method + " " + target;
        }
    }

    static final List<BodyRoute> BODY_ROUTES = List.of(
            new BodyRoute("POST", "/api/v1/conversations", As.USER, "{\"channel\":\"web\",\"locale\":\"en-US\"}"),
            new BodyRoute("POST", "/api/v1/chat", As.GUEST, "{\"session_id\":\"{session}\",\"message\":\"hello\"}"),
            new BodyRoute("PATCH", "/api/v1/conversations/{conv}", As.SERVICE, "{\"summary\":\"new summary\"}"),
            new BodyRoute("POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":\"hello\"}"),
            new BodyRoute("PUT", "/api/v1/conversations/{conv}/feedback", As.USER, "{\"rating\":1,\"comment\":\"changed\"}"),
            new BodyRoute("POST", "/api/v1/conversations/{conv}/escalate", As.USER, "{\"reason\":\"a person please\"}"),
            new BodyRoute("POST", "/api/v1/conversations/{conv}/ticket", As.SERVICE, "{\"description\":\"case\",\"priority\":\"high\"}"),
            new BodyRoute("POST", "/api/v1/sessions/{session}/messages", As.GUEST, "{\"role\":\"user\",\"content\":\"hello\"}"),
            new BodyRoute("PUT", "/api/v1/sessions/{session}/feedback", As.GUEST, "{\"rating\":2,\"comment\":\"meh\"}"),
            new BodyRoute("POST", "/api/v1/sessions/{session}/escalate", As.GUEST, "{\"reason\":\"a person please\"}"),
            new BodyRoute("POST", "/api/v1/sessions/{session}/ticket/transitions", As.GUEST, "{\"to\":\"CLOSED_BY_CLIENT\",\"reason\":\"solved\"}"),
            new BodyRoute("PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"priority\":\"urgent\",\"version\":{version}}"),
            new BodyRoute("POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"ACTIVE_HUMAN_CHAT\",\"version\":{version}}"),
            new BodyRoute("POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":\"{new_id}\",\"trace_id\":\"{new_id}\","
                    + "\"conversation_id\":\"{conv}\",\"agent_type\":\"router\",\"operation_type\":\"llm_call\",\"name\":\"answer\","
                    + "\"status\":\"ok\",\"started_at\":\"2026-11-23T10:00:00.000Z\"}]}"),
            new BodyRoute("POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"Refunds\",\"content\":\"How refunds work.\"}"),
            new BodyRoute("PUT", "/api/v1/knowledge/documents/{doc}", As.ADMIN, "{\"title\":\"Refunds\",\"content\":\"Changed.\"}"));

    /** Every route with an id or a session in its path, as (method, template with {ref}, caller). */
    static final List<String[]> ID_ROUTES = List.of(
            new String[]{"GET", "/api/v1/conversations/{ref}", "USER"},
            new String[]{"PATCH", "/api/v1/conversations/{ref}", "SERVICE"},
            new String[]{"DELETE", "/api/v1/conversations/{ref}", "USER"},
            new String[]{"POST", "/api/v1/conversations/{ref}/close", "USER"},
            new String[]{"GET", "/api/v1/conversations/{ref}/messages", "USER"},
            new String[]{"POST", "/api/v1/conversations/{ref}/messages", "USER"},
            new String[]{"GET", "/api/v1/conversations/{ref}/transcript", "USER"},
            new String[]{"PUT", "/api/v1/conversations/{ref}/feedback", "USER"},
            new String[]{"POST", "/api/v1/conversations/{ref}/escalate", "USER"},
            new String[]{"POST", "/api/v1/conversations/{ref}/ticket", "SERVICE"},
            new String[]{"GET", "/api/v1/conversations/{ref}/ticket", "USER"},
            new String[]{"GET", "/api/v1/conversations/{ref}/handoff", "USER"},
            new String[]{"GET", "/api/v1/conversations/{ref}/traces", "USER"},
            new String[]{"GET", "/api/v1/messages/{ref}/traces", "USER"},
            new String[]{"GET", "/api/v1/tickets/{ref}", "AGENT"},
            new String[]{"PATCH", "/api/v1/tickets/{ref}", "AGENT"},
            new String[]{"POST", "/api/v1/tickets/{ref}/transitions", "AGENT"},
            new String[]{"GET", "/api/v1/tickets/{ref}/history", "AGENT"},
            new String[]{"GET", "/api/v1/knowledge/documents/{ref}", "GUEST"},
            new String[]{"PUT", "/api/v1/knowledge/documents/{ref}", "ADMIN"},
            new String[]{"DELETE", "/api/v1/knowledge/documents/{ref}", "ADMIN"},
            new String[]{"GET", "/api/v1/sessions/{ref}", "GUEST"},
            new String[]{"GET", "/api/v1/sessions/{ref}/messages", "GUEST"},
            new String[]{"POST", "/api/v1/sessions/{ref}/messages", "GUEST"},
            new String[]{"GET", "/api/v1/sessions/{ref}/transcript", "GUEST"},
            new String[]{"PUT", "/api/v1/sessions/{ref}/feedback", "GUEST"},
            new String[]{"POST", "/api/v1/sessions/{ref}/escalate", "GUEST"},
            new String[]{"GET", "/api/v1/sessions/{ref}/ticket", "GUEST"},
            new String[]{"POST", "/api/v1/sessions/{ref}/ticket/transitions", "GUEST"},
            new String[]{"GET", "/api/v1/sessions/{ref}/handoff", "GUEST"});

    /** Ids that are not ids: percent-encoded where a raw byte would not be a valid request line. */
    static final List<String> BAD_IDS = List.of(
            "not-a-uuid", "00000000-0000-0000-0000-00000000000g", "%27%20OR%20%271%27%3D%271", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "%00", "%FF%FE", "%ED%A0%80", "-1", "9".repeat(40), "x".repeat(2000),
            "%7B00000000-0000-0000-0000-000000000000%7D", "1%3BDROP%20TABLE%20conversation.messages");

    static final List<String> BAD_LIMITS = List.of("0", "-1", "201", "99999999999999999999", "abc", "1.5", "%00", "%27%20OR%201%3D1", "1e3", "%EF%BC%91");

    static final List<String> BAD_CURSORS = List.of("abc", "%27%20OR%201%3D1--", "eyJ4IjoxfQ", "A".repeat(5000), "%00", "%FF", "-1",
            "!!!!", "eyJpZCI6Im5vdC1hLXV1aWQiLCJ0IjoiMjAyNi0xMS0yM1QxMDowMDowMFoifQ");

    static final String[][] LIST_ROUTES = {
            {"/api/v1/conversations?", "USER"}, {"/api/v1/conversations/{conv}/messages?", "USER"},
            {"/api/v1/sessions/{session}/messages?", "GUEST"}, {"/api/v1/tickets?", "AGENT"},
            {"/api/v1/knowledge/documents?", "GUEST"}};

    static List<Hostile> corpus() {
        List<Hostile> corpus = new ArrayList<>();
        for (BodyRoute route : BODY_ROUTES) {
            bodyMutations(route, corpus);
        }
        wrongTypes(corpus);
        unknownEnumsAndRules(corpus);
        for (String[] route : ID_ROUTES) {
            for (String bad : BAD_IDS) {
                String body = route[0].equals("GET") || route[0].equals("DELETE") ? null : "{}";
                corpus.add(new Hostile(route[0] + " " + route[1] + " with id " + abbreviate(bad), route[0], route[1].replace("{ref}", bad),
                        As.valueOf(route[2]), json(), bytes(body), ANY_4XX));
            }
        }
        for (String[] list : LIST_ROUTES) {
            for (String limit : BAD_LIMITS) {
                corpus.add(get("GET " + list[0] + "limit=" + limit, list[0] + "limit=" + limit, As.valueOf(list[1]), ANY_4XX));
            }
            for (String cursor : BAD_CURSORS) {
                corpus.add(get("GET " + list[0] + "cursor=" + abbreviate(cursor), list[0] + "cursor=" + cursor, As.valueOf(list[1]), ANY_4XX));
            }
        }
        queries(corpus);
        headers(corpus);
        return corpus;
    }

    /** The same broken bodies on every JSON route. */
    static void bodyMutations(BodyRoute route, List<Hostile> corpus) {
        String valid = route.validBody();
        String firstMember = valid.substring(1, valid.indexOf(',') > 0 && valid.indexOf(',') < valid.indexOf('}') ? valid.indexOf(',') : valid.indexOf('}'));
        String label = route.label();
        add(corpus, route, "malformed JSON", json(), bytes("{\"role\":"), 400);
        add(corpus, route, "unterminated string", json(), bytes("{\"a\":\"b"), 400);
        add(corpus, route, "single quotes", json(), bytes(valid.replace('"', '\'')), 400);
        add(corpus, route, "an array instead of an object", json(), bytes("[" + valid + "]"), 400);
        add(corpus, route, "a string instead of an object", json(), bytes("\"" + label + "\""), 400);
        add(corpus, route, "a number instead of an object", json(), bytes("42"), 400);
        add(corpus, route, "trailing data after the JSON value", json(), bytes(valid + "{\"x\":1}"), 400);
        add(corpus, route, "trailing garbage after the JSON value", json(), bytes(valid + " garbage"), 400);
        add(corpus, route, "a duplicate key", json(), bytes("{" + firstMember + "," + valid.substring(1)), 400);
        add(corpus, route, "comments", json(), bytes("/* hi */" + valid), 400);
        add(corpus, route, "NaN", json(), bytes(valid.substring(0, valid.length() - 1) + ",\"confidence\":NaN}"), 400);
        add(corpus, route, "deeply nested JSON", json(), bytes(valid.substring(0, valid.length() - 1) + ",\"metadata\":"
                + "[".repeat(50_000) + "]".repeat(50_000) + "}"), ANY_4XX);
        add(corpus, route, "deeply nested objects", json(), bytes(valid.substring(0, valid.length() - 1) + ",\"metadata\":"
                + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}"), ANY_4XX);
        add(corpus, route, "an invalid UTF-8 byte", json(), withRawBytes(valid, new byte[]{(byte) 0xFF}), 400);
        add(corpus, route, "a truncated UTF-8 sequence", json(), withRawBytes(valid, new byte[]{(byte) 0xE2, (byte) 0x82}), 400);
        add(corpus, route, "an overlong 2-byte encoding", json(), withRawBytes(valid, new byte[]{(byte) 0xC0, (byte) 0xAF}), 400);
        add(corpus, route, "an overlong 3-byte encoding", json(), withRawBytes(valid, new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF}), 400);
        add(corpus, route, "an overlong 4-byte encoding", json(),
                withRawBytes(valid, new byte[]{(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}), 400);
        add(corpus, route, "a UTF-8 encoded surrogate", json(), withRawBytes(valid, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}), 400);
        add(corpus, route, "a code point above U+10FFFF", json(),
                withRawBytes(valid, new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}), 400);
        add(corpus, route, "a NUL escape", json(), withText(valid, "\\u0000"), ANY_4XX);
        add(corpus, route, "a lone high surrogate escape", json(), withText(valid, "\\ud800"), ANY_4XX);
        add(corpus, route, "a lone low surrogate escape", json(), withText(valid, "x\\udc00y"), ANY_4XX);
        add(corpus, route, "a raw NUL byte", json(), withRawBytes(valid, new byte[]{0}), 400);
        // every route takes 256 KiB, the trace batch route 8 MiB (docs/api.md): a body over its limit is 413
        int overTheLimit = route.target().equals("/api/v1/traces") ? 9 * 1024 * 1024 : 1024 * 1024;
        add(corpus, route, "a body over the route's limit", json(), withText(valid, "x".repeat(overTheLimit)), 413);
        add(corpus, route, "Content-Type: garbage", contentType("garbage"), bytes(valid), 415);
        add(corpus, route, "Content-Type: text/plain", contentType("text/plain"), bytes(valid), 415);
        add(corpus, route, "Content-Type: application/xml", contentType("application/xml"), bytes("<a>" + valid + "</a>"), 415);
        add(corpus, route, "Content-Type: form", contentType("application/x-www-form-urlencoded"), bytes("role=user&content=x"), 415);
        add(corpus, route, "a UTF-16 body", contentType("application/json; charset=utf-16"), valid.getBytes(StandardCharsets.UTF_16), 400);
    }

    /** docs/api.md: a JSON value of the wrong type is a 400, never coerced. */
    static void wrongTypes(List<Hostile> corpus) {
        Object[][] cases = {
                {"POST", "/api/v1/chat", As.GUEST, "{\"message\":42}"},
                {"POST", "/api/v1/chat", As.GUEST, "{\"message\":[\"hello\"]}"},
                {"POST", "/api/v1/chat", As.USER, "{\"message\":\"hi\",\"session_id\":7}"},
                {"POST", "/api/v1/chat", As.USER, "{\"message\":\"hi\",\"metadata\":[]}"},
                {"POST", "/api/v1/conversations", As.USER, "{\"channel\":7}"},
                {"POST", "/api/v1/conversations", As.USER, "{\"locale\":[\"en-US\"]}"},
                {"POST", "/api/v1/conversations", As.USER, "{\"metadata\":\"x\"}"},
                {"POST", "/api/v1/conversations", As.USER, "{\"channel\":true}"},
                {"PATCH", "/api/v1/conversations/{conv}", As.SERVICE, "{\"summary\":5}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":42}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":[\"user\"],\"content\":\"x\"}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":{\"a\":1}}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":\"x\",\"confidence\":\"0.5\"}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":\"x\",\"metadata\":[1]}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":\"x\",\"intent\":false}"},
                {"POST", "/api/v1/sessions/{session}/messages", As.GUEST, "{\"content\":[\"x\"]}"},
                {"PUT", "/api/v1/conversations/{conv}/feedback", As.USER, "{\"rating\":\"5\"}"},
                {"PUT", "/api/v1/conversations/{conv}/feedback", As.USER, "{\"rating\":true}"},
                {"PUT", "/api/v1/conversations/{conv}/feedback", As.USER, "{\"rating\":[5]}"},
                {"PUT", "/api/v1/conversations/{conv}/feedback", As.USER, "{\"rating\":3,\"comment\":7}"},
                {"PUT", "/api/v1/sessions/{session}/feedback", As.GUEST, "{\"rating\":{\"value\":5}}"},
                {"POST", "/api/v1/conversations/{conv}/escalate", As.USER, "{\"reason\":42}"},
                {"POST", "/api/v1/conversations/{conv}/escalate", As.USER, "{\"reason\":[\"x\"]}"},
                {"POST", "/api/v1/conversations/{conv}/escalate", As.USER, "{\"reason\":{\"a\":1}}"},
                {"POST", "/api/v1/sessions/{session}/escalate", As.GUEST, "{\"reason\":true}"},
                {"POST", "/api/v1/sessions/{session}/ticket/transitions", As.GUEST, "{\"to\":[\"CLOSED_BY_CLIENT\"]}"},
                {"POST", "/api/v1/sessions/{session}/ticket/transitions", As.GUEST, "{\"to\":\"CLOSED_BY_CLIENT\",\"reason\":7}"},
                {"POST", "/api/v1/conversations/{conv}/ticket", As.SERVICE, "{\"priority\":1}"},
                {"POST", "/api/v1/conversations/{conv}/ticket", As.SERVICE, "{\"description\":[\"d\"]}"},
                {"POST", "/api/v1/conversations/{conv}/ticket", As.SERVICE, "{\"metadata\":\"m\"}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"priority\":\"urgent\",\"version\":\"{version}\"}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"priority\":\"urgent\",\"version\":{version}.7}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"priority\":[\"urgent\"],\"version\":{version}}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"metadata\":[],\"version\":{version}}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"description\":9,\"version\":{version}}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"priority\":\"urgent\",\"version\":true}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":[\"ACTIVE_HUMAN_CHAT\"],\"version\":{version}}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":42}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"ACTIVE_HUMAN_CHAT\",\"version\":\"{version}\"}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"ACTIVE_HUMAN_CHAT\",\"version\":2.7}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"ACTIVE_HUMAN_CHAT\",\"assignee_id\":123}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"ACTIVE_HUMAN_CHAT\",\"reason\":42}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":7,\"content\":\"c\"}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"t\",\"content\":[\"c\"]}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"tags\":\"x\"}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"tags\":[1]}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"metadata\":\"m\"}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"source_url\":5}"},
                {"PUT", "/api/v1/knowledge/documents/{doc}", As.ADMIN, "{\"title\":true,\"content\":\"c\"}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":\"x\"}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":{}}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":123,\"trace_id\":\"{new_id}\",\"conversation_id\":\"{conv}\","
                        + "\"agent_type\":\"a\",\"operation_type\":\"llm_call\",\"name\":\"n\",\"status\":\"ok\",\"started_at\":\"2026-11-23T10:00:00Z\"}]}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":\"{new_id}\",\"trace_id\":\"{new_id}\",\"conversation_id\":\"{conv}\","
                        + "\"agent_type\":\"a\",\"operation_type\":\"llm_call\",\"name\":\"n\",\"status\":\"ok\",\"started_at\":\"2026-11-23T10:00:00Z\","
                        + "\"input_tokens\":\"5\"}]}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":\"{new_id}\",\"trace_id\":\"{new_id}\",\"conversation_id\":\"{conv}\","
                        + "\"agent_type\":\"a\",\"operation_type\":\"llm_call\",\"name\":\"n\",\"status\":\"ok\",\"started_at\":\"2026-11-23T10:00:00Z\","
                        + "\"output_tokens\":2.7}]}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":\"{new_id}\",\"trace_id\":\"{new_id}\",\"conversation_id\":\"{conv}\","
                        + "\"agent_type\":[\"a\"],\"operation_type\":\"llm_call\",\"name\":\"n\",\"status\":\"ok\",\"started_at\":\"2026-11-23T10:00:00Z\"}]}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":\"{new_id}\",\"trace_id\":\"{new_id}\",\"conversation_id\":\"{conv}\","
                        + "\"agent_type\":\"a\",\"operation_type\":\"llm_call\",\"name\":\"n\",\"status\":\"ok\",\"started_at\":\"2026-11-23T10:00:00Z\","
                        + "\"cost_usd\":\"0.1\"}]}"},
        };
        for (Object[] c : cases) {
            corpus.add(new Hostile(c[0] + " " + c[1] + " wrong type " + c[3], (String) c[0], (String) c[1], (As) c[2], json(),
                    bytes((String) c[3]), 400));
        }
    }

    /** Valid JSON that breaks a rule: unknown enums, injections where only a known value fits, sizes. */
    static void unknownEnumsAndRules(List<Hostile> corpus) {
        String injection = "'; DROP TABLE conversation.messages; --";
        String script = "<script>alert(1)</script>";
        Object[][] cases = {
                {"POST", "/api/v1/conversations", As.USER, "{\"channel\":\"fax\"}"},
                {"POST", "/api/v1/conversations", As.USER, "{\"channel\":\"" + injection + "\"}"},
                {"POST", "/api/v1/conversations", As.USER, "{\"locale\":\"" + script + "\"}"},
                {"POST", "/api/v1/conversations", As.USER, "{\"metadata\":" + nested(25) + "}"},
                {"POST", "/api/v1/conversations", As.USER, "{\"metadata\":{\"big\":\"" + "x".repeat(20_000) + "\"}}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"admin\",\"content\":\"x\"}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user' OR '1'='1\",\"content\":\"x\"}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"" + script + "\",\"content\":\"x\"}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":\"   \"}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":\"" + "y".repeat(1001) + "\"}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":\"x\",\"confidence\":1e308}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":\"x\",\"confidence\":-0.1}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"user\",\"content\":\"x\",\"metadata\":" + nested(25) + "}"},
                {"POST", "/api/v1/conversations/{conv}/messages", As.USER, "{\"role\":\"assistant\",\"content\":\"impersonation\"}"},
                {"POST", "/api/v1/sessions/{session}/messages", As.GUEST, "{\"role\":\"system\",\"content\":\"impersonation\"}"},
                {"PUT", "/api/v1/conversations/{conv}/feedback", As.USER, "{\"rating\":6}"},
                {"PUT", "/api/v1/conversations/{conv}/feedback", As.USER, "{\"rating\":-1}"},
                {"PUT", "/api/v1/conversations/{conv}/feedback", As.USER, "{\"rating\":99999999999999999999999}"},
                {"PUT", "/api/v1/conversations/{conv}/feedback", As.USER, "{\"rating\":2.7}"},
                {"PUT", "/api/v1/sessions/{session}/feedback", As.GUEST, "{}"},
                {"POST", "/api/v1/conversations/{conv}/ticket", As.SERVICE, "{\"priority\":\"blocker\"}"},
                {"POST", "/api/v1/conversations/{conv}/ticket", As.SERVICE, "{\"priority\":\"" + injection + "\"}"},
                {"POST", "/api/v1/conversations/{conv}/ticket", As.SERVICE, "{\"metadata\":" + nested(25) + "}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"priority\":\"blocker\",\"version\":{version}}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"priority\":\"urgent\",\"version\":-5}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"priority\":\"urgent\",\"version\":99999999999999999999}"},
                {"PATCH", "/api/v1/tickets/{ticket}", As.AGENT, "{\"metadata\":" + nested(25) + ",\"version\":{version}}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"REOPENED\"}"},
                {"POST", "/api/v1/sessions/{session}/ticket/transitions", As.GUEST, "{\"to\":\"closed_by_client\"}"},
                {"POST", "/api/v1/sessions/{session}/ticket/transitions", As.GUEST, "{\"to\":\"" + injection + "\"}"},
                {"POST", "/api/v1/sessions/{session}/ticket/transitions", As.GUEST, "{\"to\":\"ACTIVE_HUMAN_CHAT\"}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"" + script + "\"}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"ACTIVE_HUMAN_CHAT\",\"assignee_id\":\"not-a-uuid\"}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"ACTIVE_HUMAN_CHAT\",\"assignee_id\":\"" + injection + "\"}"},
                {"POST", "/api/v1/tickets/{ticket}/transitions", As.AGENT, "{\"to\":\"CLOSED_RESOLVED\"}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"language\":\"klingon\"}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"source_url\":\"javascript:alert(1)\"}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"metadata\":" + nested(25) + "}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"metadata\":{\"big\":\"" + "x".repeat(20_000) + "\"}}"},
                {"POST", "/api/v1/knowledge/documents", As.ADMIN, "{\"title\":\"\",\"content\":\"\"}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[]}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":\"{new_id}\",\"trace_id\":\"{new_id}\",\"conversation_id\":\"{conv}\","
                        + "\"agent_type\":\"a\",\"operation_type\":\"llm_call\",\"name\":\"n\",\"status\":\"maybe\",\"started_at\":\"2026-11-23T10:00:00Z\"}]}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":\"{new_id}\",\"trace_id\":\"{new_id}\",\"conversation_id\":\"{conv}\","
                        + "\"agent_type\":\"a\",\"operation_type\":\"llm_call\",\"name\":\"n\",\"status\":\"ok\",\"started_at\":\"yesterday\"}]}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":\"{new_id}\",\"trace_id\":\"{new_id}\",\"conversation_id\":\"" + injection
                        + "\",\"agent_type\":\"a\",\"operation_type\":\"llm_call\",\"name\":\"n\",\"status\":\"ok\",\"started_at\":\"2026-11-23T10:00:00Z\"}]}"},
                {"POST", "/api/v1/traces", As.SERVICE, "{\"spans\":[{\"id\":\"{new_id}\",\"trace_id\":\"{new_id}\",\"conversation_id\":\"{conv}\","
                        + "\"agent_type\":\"a\",\"operation_type\":\"llm_call\",\"name\":\"n\",\"status\":\"ok\",\"started_at\":\"2026-11-23T10:00:00Z\","
                        + "\"input_tokens\":-5}]}"},
        };
        for (Object[] c : cases) {
            corpus.add(new Hostile(c[0] + " " + c[1] + " breaking a rule " + abbreviate((String) c[3]), (String) c[0], (String) c[1], (As) c[2],
                    json(), bytes((String) c[3]), ANY_4XX));
        }
    }

    static void queries(List<Hostile> corpus) {
        String[][] cases = {
                {"/api/v1/conversations?status=pending", "USER"}, {"/api/v1/conversations?status=%27%20OR%201%3D1", "USER"},
                {"/api/v1/conversations/{conv}/transcript?format=pdf", "USER"},
                {"/api/v1/conversations/{conv}/transcript?format=%3Cscript%3E", "USER"},
                {"/api/v1/sessions/{session}/transcript?format=xml", "GUEST"},
                {"/api/v1/tickets?status=BOGUS", "AGENT"}, {"/api/v1/tickets?status=%27%20OR%201%3D1--", "AGENT"},
                {"/api/v1/tickets?assignee_id=not-a-uuid", "AGENT"}, {"/api/v1/tickets?assignee_id=%00", "AGENT"},
                {"/api/v1/knowledge/search?q=refund&limit=-1", "GUEST"}, {"/api/v1/knowledge/search?q=refund&limit=abc", "GUEST"},
                {"/api/v1/knowledge/search?q=refund&limit=100000", "GUEST"}, {"/api/v1/knowledge/search?q=" + "a".repeat(3000), "GUEST"},
                {"/api/v1/knowledge/search?q=%00", "GUEST"}, {"/api/v1/knowledge/search", "GUEST"},
                {"/api/v1/knowledge/search?q=refund&locale=%27%3BDROP", "GUEST"},
                {"/api/v1/admin/api-requests/stats?from=yesterday", "ADMIN"},
                {"/api/v1/admin/api-requests/stats?from=2026-11-23T10:00:00Z&to=2026-11-22T10:00:00Z", "ADMIN"},
                {"/api/v1/admin/api-requests/stats?from=99999-01-01T00:00:00Z", "ADMIN"},
                {"/api/v1/admin/api-requests/stats?from=-1", "ADMIN"},
                {"/api/v1/admin/api-requests/stats?to=%27%20OR%201%3D1", "ADMIN"},
                {"/api/v1/admin/feedback/stats?from=yesterday", "ADMIN"},
                {"/api/v1/admin/feedback/stats?from=2026-11-23T10:00:00Z&to=2026-11-22T10:00:00Z", "ADMIN"},
                {"/api/v1/admin/feedback/stats?to=0000-01-01T00:00:00Z", "ADMIN"},
                {"/api/v1/admin/feedback/stats?from=%00", "ADMIN"},
        };
        for (String[] c : cases) {
            corpus.add(get("GET " + abbreviate(c[0]), c[0], As.valueOf(c[1]), ANY_4XX));
        }
        for (String dryRun : List.of("maybe", "1", "%27%20OR%201%3D1", "%00", "yes")) {
            corpus.add(new Hostile("POST retention run dry_run=" + dryRun, "POST", "/api/v1/admin/retention/run?dry_run=" + dryRun, As.ADMIN,
                    Map.of(), null, 422));
        }
    }

    static void headers(List<Hostile> corpus) {
        String append = "/api/v1/conversations/{conv}/messages";
        byte[] message = bytes("{\"role\":\"user\",\"content\":\"hello\"}");
        String[] badAuth = {"Bearer ", "Bearer garbage", "Bearer a.b.c", "Basic YWxpY2U6c2VjcmV0", "Bearer " + "x".repeat(4000),
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.", "bearer", "Token abc"};
        for (String auth : badAuth) {
            for (String[] route : new String[][]{{"POST", append}, {"GET", "/api/v1/tickets"}, {"POST", "/api/v1/knowledge/documents"},
                    {"GET", "/api/v1/admin/api-requests/stats"}}) {
                Map<String, byte[]> headers = json();
                headers.put("Authorization", latin1(auth));
                corpus.add(new Hostile(route[0] + " " + route[1] + " with Authorization " + abbreviate(auth), route[0], route[1], As.GUEST,
                        headers, route[0].equals("POST") ? message : null, 401));
            }
        }
        for (String token : new String[]{TestTokens.expired("alice-corpus"), TestTokens.signedWithAnotherSecret("alice-corpus")}) {
            Map<String, byte[]> headers = json();
            headers.put("Authorization", latin1("Bearer " + token));
            corpus.add(new Hostile("POST " + append + " with an expired or foreign token", "POST", append, As.GUEST, headers, message, 401));
        }
        for (String key : new String[]{"k".repeat(129), "has space", "tab\tinside"}) {
            Map<String, byte[]> headers = json();
            headers.put("Idempotency-Key", latin1(key));
            corpus.add(new Hostile("append with Idempotency-Key " + abbreviate(key), "POST", append, As.USER, headers, message, 422));
        }
        Map<String, byte[]> nonAscii = json();
        nonAscii.put("Idempotency-Key", new byte[]{'k', (byte) 0xC3, (byte) 0xA9});
        corpus.add(new Hostile("append with a non-ASCII Idempotency-Key", "POST", append, As.USER, nonAscii, message, ANY_4XX));
        for (String[] route : new String[][]{{"GET", "/api/v1/conversations"}, {"POST", append}, {"GET", "/api/v1/knowledge/search?q=x"}}) {
            Map<String, byte[]> big = json();
            big.put("X-Padding", latin1("p".repeat(64 * 1024)));
            corpus.add(new Hostile(route[0] + " " + route[1] + " with a 64 KiB header", route[0], route[1], As.USER, big,
                    route[0].equals("POST") ? message : null, 431));
            Map<String, byte[]> many = json();
            for (int i = 0; i < 2000; i++) {
                many.put("X-Many-" + i, latin1("v".repeat(10)));
            }
            corpus.add(new Hostile(route[0] + " " + route[1] + " with 2000 headers", route[0], route[1], As.USER, many,
                    route[0].equals("POST") ? message : null, 431));
            corpus.add(new Hostile(route[0] + " " + route[1] + " with a 64 KiB URL", route[0],
                    route[1] + (route[1].contains("?") ? "&" : "?") + "pad=" + "u".repeat(64 * 1024), As.USER, json(),
                    route[0].equals("POST") ? message : null, 414));
        }
        corpus.add(new Hostile("a 64 KiB path", "GET", "/api/v1/conversations/" + "a".repeat(64 * 1024), As.USER, json(), null, 414));
        corpus.add(new Hostile("TRACE on a route", "TRACE", "/api/v1/conversations", As.USER, json(), null, ANY_4XX));
        corpus.add(new Hostile("an unknown method", "BREW", "/api/v1/conversations", As.USER, json(), null, ANY_4XX));
        corpus.add(new Hostile("DELETE on a collection", "DELETE", "/api/v1/tickets", As.AGENT, json(), null, 405));
        corpus.add(new Hostile("PUT on messages", "PUT", append, As.USER, json(), message, 405));
        Map<String, byte[]> accept = json();
        accept.put("Accept", latin1("application/xml"));
        corpus.add(new Hostile("GET with Accept: application/xml", "GET", "/api/v1/conversations/{conv}/transcript", As.USER, accept, null, 406));
        corpus.add(new Hostile("a raw NUL in the path", "GET", "/api/v1/conversations/\u0000", As.USER, json(), null, ANY_4XX));
        corpus.add(new Hostile("a raw 0xFF in the path", "GET", "/api/v1/conversations/\u00ff\u00fe", As.USER, json(), null, ANY_4XX));
        corpus.add(new Hostile("path traversal", "GET", "/api/v1/conversations/..%2F..%2F..%2Fetc%2Fpasswd", As.USER, json(), null, ANY_4XX));
        corpus.add(new Hostile("a broken percent escape", "GET", "/api/v1/conversations?limit=%ZZ", As.USER, json(), null, ANY_4XX));
    }

    // --- the run ------------------------------------------------------------------------------------------

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    RawHttp http;
    Map<String, String> fixtures;
    Map<As, String> tokens;

    @BeforeEach
    void fixtures() {
        if (http != null) {
            return;
        }
        http = new RawHttp("127.0.0.1", server.getPort());
        String alice = "alice-corpus";
        tokens = Map.of(As.USER, TestTokens.user(alice), As.SERVICE, TestTokens.withRoles("bot-corpus", "service"),
                As.AGENT, TestTokens.withRoles("agnes-corpus", "agent"), As.ADMIN, TestTokens.withRoles("ada-corpus", "admin"));
        Fixtures.Conversation conversation = Fixtures.conversation(alice);
        UUID message = Fixtures.message(conversation.id(), "user", "alice's first message");
        RetentionFixtures.feedback(conversation.id(), 5, "alice's comment", Instant.now());
        Fixtures.Conversation guest = Fixtures.conversation(null);
        Fixtures.Conversation ticketed = Fixtures.conversation(alice);
        UUID ticket = RetentionFixtures.ticket(ticketed.id(), conversation.userId(), Instant.now());
        UUID document = UUID.fromString((String) mapOf(send(new Hostile("a knowledge document", "POST", "/api/v1/knowledge/documents",
                As.ADMIN, json(), bytes("{\"title\":\"Refunds\",\"content\":\"How refunds work.\"}"), 201))).get("id"));
        fixtures = Map.of("{conv}", conversation.id().toString(), "{session}", guest.sessionId(), "{ticket}", ticket.toString(),
                "{doc}", document.toString(), "{message}", message.toString());
    }

    @Order(1)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void a_hostile_request_is_refused_with_a_problem_and_changes_nothing(Hostile hostile) {
        String before = fingerprint();

        RawHttp.Response response = send(hostile);

        assertTrue(response.status() >= 400 && response.status() < 500, () -> hostile + ": not a 4xx: " + response);
        if (hostile.expected() != ANY_4XX) {
            assertEquals(hostile.expected(), response.status(), () -> hostile + ": status: " + response);
        }
        assertProblem(hostile, response);
        assertEquals(before, fingerprint(), () -> hostile + ": a refused request changed the database: " + response);
    }

    @Order(2)
    @Test
    void the_corpus_is_large_and_covers_every_route_with_a_body() {
        List<Hostile> corpus = corpus();
        assertTrue(corpus.size() >= 300, () -> "only " + corpus.size() + " hostile requests");
        for (BodyRoute route : BODY_ROUTES) {
            assertTrue(corpus.stream().filter(h -> h.method().equals(route.method()) && h.target().equals(route.target())).count() >= 25,
                    route::label);
        }
    }

    @Order(3)
    @Test
    void the_service_is_healthy_after_the_corpus_and_still_serves_the_fixtures() {
        RawHttp.Response health = http.send("GET", latin1("/health"), Map.of(), null);
        assertEquals(200, health.status(), health::toString);
        RawHttp.Response conversation = send(new Hostile("alice reads her conversation", "GET", "/api/v1/conversations/{conv}", As.USER,
                Map.of(), null, 200));
        assertEquals(200, conversation.status(), conversation::toString);
        assertEquals(1, ((Number) mapOf(conversation).get("message_count")).intValue(), conversation::toString);
    }

    RawHttp.Response send(Hostile hostile) {
        Map<String, byte[]> headers = new LinkedHashMap<>(hostile.headers());
        if (hostile.as() != As.GUEST) {
            headers.put("Authorization", latin1("Bearer " + tokens.get(hostile.as())));
        }
        return http.send(hostile.method(), fill(latin1(hostile.target())), headers, hostile.body() == null ? null : fill(hostile.body()));
    }

    /** Placeholders filled in byte for byte (latin-1 keeps every byte of an invalid UTF-8 body as it is). */
    byte[] fill(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, String> fixture : (fixtures == null ? Map.<String, String>of() : fixtures).entrySet()) {
            text = text.replace(fixture.getKey(), fixture.getValue());
        }
        if (text.contains("{version}")) {
            text = text.replace("{version}", String.valueOf(Fixtures.queryLong("SELECT version FROM ticketing.tickets WHERE id = ?",
                    UUID.fromString(fixtures.get("{ticket}")))));
        }
        while (text.contains("{new_id}")) {
            text = text.replaceFirst("\\{new_id}", Ids.newId().toString());
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    void assertProblem(Hostile hostile, RawHttp.Response response) {
        assertTrue(response.contentType().startsWith("application/problem+json"), () -> hostile + ": not problem+json: " + response);
        Map<String, Object> body = mapOf(response);
        assertEquals(response.status(), ((Number) body.get("status")).intValue(), () -> "status member: " + response);
        assertNotNull(body.get("title"), () -> "title: " + response);
        assertNotNull(body.get("type"), () -> "type: " + response);
        String raw = response.body().toLowerCase(Locale.ROOT);
        for (String leak : new String[]{"exception", "\tat ", "org.postgresql", "sqlstate", "select ", "insert into", "drop table",
                "io.micronaut", "com.fasterxml", "java.", "<script", "stack"}) {
            assertFalse(raw.contains(leak), () -> hostile + ": response leaks (" + leak + "): " + response);
        }
    }

    Map<String, Object> mapOf(RawHttp.Response response) {
        try {
            return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + response, e);
        }
    }

    /** Everything a write could change, request-log rows and user rows (created on first sight of a token) aside. */
    static String fingerprint() {
        return RetentionFixtures.text("""
                SELECT concat_ws('|',
                  (SELECT count(*) || ':' || coalesce(sum(last_seq), 0) || ':' || md5(coalesce(string_agg(
                          concat(id, status, summary, channel, locale, metadata), ',' ORDER BY id), '')) FROM conversation.conversations),
                  (SELECT count(*) FROM conversation.messages),
                  (SELECT md5(coalesce(string_agg(concat(rating, comment), ',' ORDER BY id), '')) FROM conversation.feedback),
                  (SELECT md5(coalesce(string_agg(concat(id, status, priority, version, description, metadata, assignee_id), ','
                          ORDER BY id), '')) FROM ticketing.tickets),
                  (SELECT count(*) FROM ticketing.ticket_events), (SELECT count(*) FROM ticketing.handoffs),
                  (SELECT count(*) FROM tracing.agent_traces),
                  (SELECT md5(coalesce(string_agg(concat(id, title, content, updated_at), ',' ORDER BY id), ''))
                     FROM conversation.knowledge_documents))
                """);
    }

    // --- building the table ------------------------------------------------------------------------------

    static void add(List<Hostile> corpus, BodyRoute route, String what, Map<String, byte[]> headers, byte[] body, int expected) {
        corpus.add(new Hostile(route.label() + " with " + what, route.method(), route.target(), route.as(), headers, body, expected));
    }

    static Hostile get(String name, String target, As as, int expected) {
        return new Hostile(name, "GET", target, as, Map.of(), null, expected);
    }

    static Map<String, byte[]> json() {
        return contentType("application/json");
    }

    static Map<String, byte[]> contentType(String type) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Content-Type", latin1(type));
        return headers;
    }

    static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The valid body with raw bytes spliced into its first string value. */
    static byte[] withRawBytes(String valid, byte[] raw) {
        int quote = valid.indexOf(":\"") + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(valid.substring(0, quote)));
        out.writeBytes(raw);
        out.writeBytes(bytes(valid.substring(quote)));
        return out.toByteArray();
    }

    /** The valid body with text (JSON escapes allowed) put into its first string value. */
    static byte[] withText(String valid, String text) {
        int quote = valid.indexOf(":\"") + 2;
        return bytes(valid.substring(0, quote) + text + valid.substring(quote));
    }

    static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "…" : text;
    }
}
