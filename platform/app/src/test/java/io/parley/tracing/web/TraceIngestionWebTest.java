package io.parley.tracing.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.kernel.Ids;
import io.parley.tracing.application.port.in.IngestSpansCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.tracing.web.Spans.batch;
import static io.parley.tracing.web.Spans.span;
import static io.parley.tracing.web.Spans.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md "Agent traces", {@code POST /api/v1/traces}: idempotent, all-or-nothing batch ingestion by the service. */
@MicronautTest
class TraceIngestionWebTest extends WebTest {

    static final String SERVICE = TestTokens.withRoles("ai-backend", "service");

    UUID conversation;

    @BeforeEach
    void setUp() {
        conversation = Fixtures.conversation("alice").id();
    }

    private TestHttp.Reply post(Object body) {
        return http.post("/api/v1/traces", SERVICE, body);
    }

    @Test
    void a_batch_is_accepted_with_202_and_counted() {
        var reply = post(batch(Spans.many(conversation, 3)));

        assertEquals(202, reply.status(), reply::toString);
        assertEquals(Map.of("accepted", 3, "duplicates", 0, "redactions", 0), reply.map());
        assertEquals(3, Db.spansOf(conversation));
    }

    @Test
    void re_sending_a_batch_writes_nothing_new_and_answers_duplicates() {
        var spans = Spans.many(conversation, 4);
        post(batch(spans));
        Map<String, Object> first = Db.rows("SELECT * FROM tracing.agent_traces WHERE id = ?::uuid", spans.get(0).get("id")).get(0);

        var again = post(batch(spans));
        var changed = with(spans.get(0), "name", "renamed on retry");
        var mixed = post(batch(changed, span(conversation)));

        assertEquals(Map.of("accepted", 0, "duplicates", 4, "redactions", 0), again.map());
        assertEquals(Map.of("accepted", 1, "duplicates", 1, "redactions", 0), mixed.map());
        assertEquals(5, Db.spansOf(conversation));
        assertEquals(first, Db.rows("SELECT * FROM tracing.agent_traces WHERE id = ?::uuid", spans.get(0).get("id")).get(0),
                "the first version stays");
    }

    @Test
    void the_same_id_twice_in_one_batch_is_one_span_and_one_duplicate() {
        var one = span(conversation);

        assertEquals(Map.of("accepted", 1, "duplicates", 1, "redactions", 0), post(batch(one, one)).map());
        assertEquals(1, Db.spansOf(conversation));
    }

    @Test
    void one_bad_span_refuses_the_whole_batch_naming_its_index() {
        List<Map<String, Object>> spans = new ArrayList<>(Spans.many(conversation, 5));
        spans.set(3, with(spans.get(3), "operation_type", "telepathy"));

        var body = assertProblem(post(batch(spans)), 422);

        assertEquals(List.of(Map.of("field", "spans[3].operation_type",
                "message", "must be one of llm_call, tool_call, retrieval, guardrail, handoff_decision, other")), body.get("errors"));
        assertEquals(0, Db.spansOf(conversation), "nothing written");
    }

    @Test
    void a_missing_conversation_is_422_naming_the_span_and_nothing_is_written() {
        var body = assertProblem(post(batch(span(conversation), span(Ids.newId()))), 422);

        assertEquals(List.of(Map.of("field", "spans[1].conversation_id", "message", "no such conversation")), body.get("errors"));
        assertEquals(0, Db.spansOf(conversation));
    }

    @Test
    void every_span_naming_a_missing_conversation_is_named_though_the_database_reports_one() {
        var body = assertProblem(post(batch(span(Ids.newId()), span(conversation), span(Ids.newId()))), 422);

        assertEquals(List.of(Map.of("field", "spans[0].conversation_id", "message", "no such conversation"),
                Map.of("field", "spans[2].conversation_id", "message", "no such conversation")), body.get("errors"));
    }

    @Test
    void a_refused_batch_claims_no_span_id_so_the_same_spans_are_accepted_once_mended() {
        var good = span(conversation);
        var orphan = span(Ids.newId());
        assertProblem(post(batch(good, orphan)), 422);

        assertEquals(Map.of("accepted", 2, "duplicates", 0, "redactions", 0),
                post(batch(good, with(orphan, "conversation_id", conversation.toString()))).map());
    }

    @Test
    void a_missing_message_is_422_naming_the_span_and_nothing_is_written() {
        UUID message = Fixtures.message(conversation, "assistant", "hello");
        var body = assertProblem(post(batch(with(span(conversation), "message_id", message.toString()),
                with(span(conversation), "message_id", Ids.newId().toString()))), 422);

        assertEquals(List.of(Map.of("field", "spans[1].message_id", "message", "no such message")), body.get("errors"));
        assertEquals(0, Db.spansOf(conversation));
    }

    @Test
    void spans_may_arrive_before_their_parent_in_another_batch() {
        UUID trace = Ids.newId();
        UUID parent = Ids.newId();

        var childFirst = post(batch(span(Ids.newId(), trace, parent, conversation, 10, 20)));
        var parentLater = post(batch(span(parent, trace, null, conversation, 0, 30)));

        assertEquals(202, childFirst.status(), childFirst::toString);
        assertEquals(202, parentLater.status(), parentLater::toString);
        assertEquals(2, Db.spansOf(conversation));
    }

    @Test
    void what_is_stored_is_what_was_sent() {
        UUID message = Fixtures.message(conversation, "assistant", "hello");
        var sent = with(span(conversation), "message_id", message.toString(), "operation_type", "tool_call", "status", "error",
                "started_at", "2026-11-23T10:00:00.123456+02:00", "ended_at", "2026-11-23T08:00:01.5Z",
                "input_tokens", 12, "output_tokens", 3, "cost_usd", 0.0000125, "model", "gpt-x",
                "payload", Map.of("query", "refund", "top_k", 5, "nested", Map.of("ok", true)), "error", "tool timed out");

        post(batch(sent));

        Map<String, Object> row = Db.rows("""
                SELECT operation_type, status, started_at::text AS started, duration_ms, input_tokens, output_tokens,
                       cost_usd::text AS cost, model, payload::text AS payload, error, message_id::text AS message
                  FROM tracing.agent_traces WHERE id = ?::uuid""", sent.get("id")).get(0);
        assertEquals("tool_call", row.get("operation_type"));
        assertEquals("error", row.get("status"));
        assertEquals("2026-11-23 08:00:00.123456+00", row.get("started"));
        assertEquals(1376.544, (Double) row.get("duration_ms"), 1e-9);
        assertEquals(12, row.get("input_tokens"));
        assertEquals(3, row.get("output_tokens"));
        assertEquals("0.000013", row.get("cost"), "rounded half up to micro-dollars");
        assertEquals("gpt-x", row.get("model"));
        assertEquals("{\"query\": \"refund\", \"top_k\": 5, \"nested\": {\"ok\": true}}", row.get("payload"));
        assertEquals("tool timed out", row.get("error"));
        assertEquals(message.toString(), row.get("message"));
    }

    @Test
    void the_largest_batch_500_spans_with_8_KiB_payloads_each_is_accepted() {
        List<Map<String, Object>> spans = new ArrayList<>();
        for (Map<String, Object> span : Spans.many(conversation, IngestSpansCommand.MAX_SPANS)) {
            spans.add(with(span, "payload", Map.of("data", "p".repeat(8 * 1024))));
        }
        var reply = post(batch(spans));
        assertEquals(202, reply.status(), reply::toString);
        assertEquals(500, reply.field("accepted"));
        assertEquals(500L, Fixtures.queryLong("SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = ?::uuid",
                conversation.toString()));
    }

    @Test
    void a_payload_of_exactly_64_KiB_as_stored_is_accepted_and_one_byte_more_is_422() {
        // {"data": "..."} is the content plus 12 bytes as PostgreSQL prints it
        var fits = with(span(conversation), "payload", Map.of("data", "x".repeat(65536 - 12)));
        var over = with(span(conversation), "payload", Map.of("data", "x".repeat(65536 - 11)));

        assertEquals(202, post(batch(fits)).status());
        var body = assertProblem(post(batch(over)), 422);
        assertEquals("spans[0].payload", ((List<Map<String, Object>>) body.get("errors")).get(0).get("field"));
        assertEquals(65536L, Fixtures.queryLong("SELECT octet_length(payload::text) FROM tracing.agent_traces WHERE id = ?::uuid",
                fits.get("id")));
    }

    @Test
    void secrets_in_name_payload_and_error_are_redacted_before_they_are_stored() {
        var sent = with(span(conversation), "name", "charge 4111 1111 1111 1111",
                "payload", Map.of("card", "4111 1111 1111 1111"), "error", "card 4111 1111 1111 1111");

        var reply = post(batch(sent));

        assertEquals(3, reply.field("redactions"));
        String stored = Db.rows("SELECT name || payload::text || error AS text FROM tracing.agent_traces WHERE id = ?::uuid", sent.get("id"))
                .get(0).get("text").toString();
        assertFalse(stored.contains("4111 1111 1111 1111"), stored);
        assertTrue(stored.contains("[REDACTED:"), stored);
    }

    @Test
    void only_the_service_may_post_traces() {
        var body = batch(span(conversation));
        assertProblem(http.post("/api/v1/traces", null, body), 401);
        var broken = batch(with(span(conversation), "status", "bad"));
        for (String role : new String[]{"user", "agent", "admin"}) {
            assertProblem(http.post("/api/v1/traces", TestTokens.withRoles("someone", role), body), 403);
            assertProblem(http.post("/api/v1/traces", TestTokens.withRoles("someone", role), broken), 403); // 403 before 422
        }
        assertEquals(0, Db.spansOf(conversation));
    }

    /** One bad request: what it is, its body, the status it must get and the field the first error must name. */
    record BadInput(String what, Object body, int status, String field) {
        @Override
        public String toString() {
            return what + " → " + status;
        }
    }

    static Stream<BadInput> badInput() {
        UUID c = UUID.fromString("0193a1b2-0000-7000-8000-000000000001");
        Map<String, Object> ok = span(c);
        return Stream.of(
                new BadInput("malformed JSON", "{\"spans\": [", 400, null),
                new BadInput("not an object", "[1, 2]", 400, null),
                new BadInput("spans of the wrong type", "{\"spans\": \"many\"}", 400, null),
                new BadInput("tokens of the wrong type", batch(with(ok, "input_tokens", "ten")), 400, null),
                new BadInput("no spans member", "{}", 422, "spans"),
                new BadInput("0 spans", batch(List.of()), 422, "spans"),
                new BadInput("501 spans", batch(Spans.many(c, 501)), 422, "spans"),
                new BadInput("a null span", "{\"spans\": [null]}", 422, "spans[0]"),
                new BadInput("unknown operation_type", batch(with(ok, "operation_type", "LLM_CALL")), 422, "spans[0].operation_type"),
                new BadInput("unknown status", batch(with(ok, "status", "done")), 422, "spans[0].status"),
                new BadInput("ended_at before started_at", batch(with(ok, "ended_at", "2026-11-23T09:59:59.999Z")), 422, "spans[0].ended_at"),
                new BadInput("negative tokens", batch(with(ok, "output_tokens", -5)), 422, "spans[0].output_tokens"),
                new BadInput("negative cost", batch(with(ok, "cost_usd", -0.5)), 422, "spans[0].cost_usd"),
                new BadInput("huge payload", batch(with(ok, "payload", Map.of("blob", "y".repeat(70_000)))), 422, "spans[0].payload"),
                new BadInput("payload not an object", batch(with(ok, "payload", List.of(1, 2))), 422, "spans[0].payload"),
                new BadInput("NUL in the payload", batch(with(ok, "payload", Map.of("k", "a\u0000b"))), 422, "spans[0].payload"),
                new BadInput("an exponent that expands", "{\"spans\":[" + json(with(ok, "payload", null)).replace("}", ",\"payload\":{\"n\":1e999999}}") + "]}", 422, "spans[0].payload"),
                new BadInput("malformed UUID", batch(with(ok, "trace_id", "0193a1b2-0000-7000-8000-00000000000Z")), 422, "spans[0].trace_id"),
                new BadInput("own parent", batch(with(ok, "parent_id", ok.get("id"))), 422, "spans[0].parent_id"),
                new BadInput("not RFC 3339", batch(with(ok, "started_at", "23/11/2026 10:00")), 422, "spans[0].started_at"),
                new BadInput("NUL in the name", batch(with(ok, "name", "a\u0000b")), 422, "spans[0].name"),
                new BadInput("name too long", batch(with(ok, "name", "n".repeat(201))), 422, "spans[0].name"),
                new BadInput("missing agent_type", batch(with(ok, "agent_type", null)), 422, "spans[0].agent_type"),
                new BadInput("body over 8 MiB", batch(with(ok, "payload", Map.of("blob", "z".repeat(9 * 1024 * 1024)))), 413, null));
    }

    private static String json(Map<String, Object> map) {
        StringBuilder out = new StringBuilder("{");
        map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
        return out.append('}').toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    @SuppressWarnings("unchecked")
    void bad_input_is_a_4xx_problem_and_writes_nothing(BadInput input) {
        long before = Fixtures.queryLong("SELECT count(*) FROM tracing.agent_traces");

        var problem = assertProblem(post(input.body()), input.status());

        if (input.field() != null) {
            var errors = (List<Map<String, Object>>) problem.get("errors");
            assertEquals(input.field(), errors.get(0).get("field"), () -> input.what() + ": " + problem);
        }
        assertEquals(before, Fixtures.queryLong("SELECT count(*) FROM tracing.agent_traces"), input.what());
    }

    @Test
    void a_wrong_content_type_is_415() {
        assertProblem(http.send("POST", "/api/v1/traces", SERVICE, "text/plain", "spans".getBytes(StandardCharsets.UTF_8)), 415);
    }

    @Test
    void ingestion_outcomes_are_counted_in_prometheus() {
        var spans = Spans.many(conversation, 2);
        post(batch(spans));
        post(batch(spans));
        post(batch(with(span(conversation), "status", "bad")));

        String metrics = http.get("/prometheus", TestTokens.withRoles("ops", "admin")).body();

        for (String outcome : new String[]{"accepted", "duplicate", "rejected"}) {
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("parley_traces_spans_total{") && line.contains("outcome=\"" + outcome + "\"")),
                    outcome + " in " + metrics.lines().filter(l -> l.contains("parley_traces")).toList());
        }
    }
}
