package io.parley.tracing.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.kernel.Ids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.tracing.web.Spans.batch;
import static io.parley.tracing.web.Spans.span;
import static io.parley.tracing.web.Spans.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/api.md "Agent traces", the reading side: span trees with per-tree totals for those who may read
 * the conversation; anyone else gets 404 like for a missing id.
 *
 * <p>The data set: Alice's conversation has two answers. Trace T1 (answer M1) is
 * <pre>
 *   R  llm_call   0..400 ms   message M1
 *   ├─ C1 retrieval 10..60
 *   └─ C2 llm_call  70..390   in 100 / out 20, $0.0015
 *      └─ C3 tool_call 100..150  error, $0.00025
 *   O  (parent P never arrived) 500..520, in 7
 * </pre>
 * sent out of order (C3 and C2 before their parents, in another batch); trace T2 (answer M2) is one span S.
 */
@MicronautTest
@Property(name = "parley.test.ticket-presence", value = "enabled")
class TraceReadingWebTest extends WebTest {

    /** The data every test of this class reads is made once, before the first test. */
    private boolean prepared;

    static final String SERVICE = TestTokens.withRoles("ai-backend", "service");


    UUID conversation;
    UUID m1;
    UUID m2;
    UUID t1 = Ids.newId();
    UUID r = Ids.newId();
    UUID c1 = Ids.newId();
    UUID c2 = Ids.newId();
    UUID c3 = Ids.newId();
    UUID o = Ids.newId();
    UUID s = Ids.newId();

    /** Once per class (injection happens before each test, so not in a @BeforeAll). */
    @BeforeEach
    void data() {
        if (prepared) {
            return;
        }
        prepared = true;
        conversation = Fixtures.conversation("alice").id();
        Fixtures.message(conversation, "user", "refund please");
        m1 = Fixtures.message(conversation, "assistant", "here is how");
        m2 = Fixtures.message(conversation, "assistant", "anything else?");
        var first = http.post("/api/v1/traces", SERVICE, batch(
                with(span(c3, t1, c2, conversation, 100, 150), "operation_type", "tool_call", "status", "error",
                        "error", "timeout", "cost_usd", 0.00025),
                with(span(c2, t1, r, conversation, 70, 390), "input_tokens", 100, "output_tokens", 20, "cost_usd", 0.0015),
                with(span(o, t1, Ids.newId(), conversation, 500, 520), "input_tokens", 7)));
        var second = http.post("/api/v1/traces", SERVICE, batch(
                with(span(r, t1, null, conversation, 0, 400), "message_id", m1.toString()),
                with(span(c1, t1, r, conversation, 10, 60), "operation_type", "retrieval"),
                with(span(s, Ids.newId(), null, conversation, 1000, 1100), "message_id", m2.toString(), "cost_usd", 0.01)));
        assertEquals(202, first.status(), first::toString);
        assertEquals(202, second.status(), second::toString);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> trees(TestHttp.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return (List<Map<String, Object>>) reply.field("trees");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> root(Map<String, Object> tree) {
        return (Map<String, Object>) tree.get("root");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> children(Map<String, Object> node) {
        return (List<Map<String, Object>>) node.get("children");
    }

    static Map<String, Object> totals(int spans, double durationMs, int in, int out, double cost, int errors) {
        return Map.of("spans", spans, "duration_ms", durationMs, "input_tokens", in, "output_tokens", out, "cost_usd", cost, "errors", errors);
    }

    @Test
    void the_owner_sees_the_trees_of_the_conversation_assembled_whatever_the_arrival_order() {
        var reply = http.get("/api/v1/conversations/" + conversation + "/traces", TestTokens.user("alice"));
        var trees = trees(reply);

        assertEquals(List.of(r.toString(), o.toString(), s.toString()), trees.stream().map(t -> root(t).get("id")).toList());
        Map<String, Object> rootNode = root(trees.get(0));
        assertEquals(List.of(c1.toString(), c2.toString()), children(rootNode).stream().map(n -> n.get("id")).toList());
        Map<String, Object> c2Node = children(rootNode).get(1);
        assertEquals(c3.toString(), children(c2Node).get(0).get("id"));
        assertEquals(List.of(), children(children(c2Node).get(0)));
        assertEquals(conversation.toString(), reply.field("conversation_id"));
        assertEquals(null, reply.field("message_id"));
        assertEquals(false, reply.field("truncated"));
    }

    @Test
    void a_span_shows_what_was_stored() {
        var c3Node = children(children(root(trees(http.get("/api/v1/conversations/" + conversation + "/traces",
                TestTokens.user("alice"))).get(0))).get(1)).get(0);

        assertEquals("tool_call", c3Node.get("operation_type"));
        assertEquals("error", c3Node.get("status"));
        assertEquals("timeout", c3Node.get("error"));
        assertEquals(50.0, c3Node.get("duration_ms"));
        assertEquals("2026-11-23T10:00:00.100Z", c3Node.get("started_at"));
        assertEquals(c2.toString(), c3Node.get("parent_id"));
        assertEquals(t1.toString(), c3Node.get("trace_id"));
        assertEquals(0.00025, c3Node.get("cost_usd"));
    }

    @Test
    void each_tree_has_its_totals_and_orphans_are_flagged_at_the_root() {
        var reply = http.get("/api/v1/conversations/" + conversation + "/traces", TestTokens.user("alice"));
        var trees = trees(reply);

        assertEquals(totals(4, 400.0, 100, 20, 0.00175, 1), trees.get(0).get("totals"));
        assertEquals(false, trees.get(0).get("orphan"));
        assertEquals(totals(1, 20.0, 7, 0, 0.0, 0), trees.get(1).get("totals"));
        assertEquals(true, trees.get(1).get("orphan"));
        assertEquals(t1.toString(), trees.get(1).get("trace_id"));
        assertEquals(totals(1, 100.0, 0, 0, 0.01, 0), trees.get(2).get("totals"));
        assertEquals(totals(6, 520.0, 107, 20, 0.01175, 1), reply.field("totals"));
    }

    @Test
    void a_message_shows_the_whole_traces_that_touch_it_and_nothing_else() {
        var reply = http.get("/api/v1/messages/" + m1 + "/traces", TestTokens.user("alice"));
        var trees = trees(reply);

        assertEquals(List.of(r.toString(), o.toString()), trees.stream().map(t -> root(t).get("id")).toList(),
                "children without a message_id are included; the other answer's trace is not");
        assertEquals(4, ((Map<?, ?>) trees.get(0).get("totals")).get("spans"));
        assertEquals(m1.toString(), reply.field("message_id"));
        assertEquals(conversation.toString(), reply.field("conversation_id"));
        assertEquals(List.of(s.toString()),
                trees(http.get("/api/v1/messages/" + m2 + "/traces", TestTokens.user("alice"))).stream().map(t -> root(t).get("id")).toList());
    }

    @Test
    void admins_the_service_and_agents_on_a_ticket_read_traces_too() {
        for (String token : new String[]{TestTokens.withRoles("root", "admin"), SERVICE}) {
            assertEquals(3, trees(http.get("/api/v1/conversations/" + conversation + "/traces", token)).size());
            assertEquals(2, trees(http.get("/api/v1/messages/" + m1 + "/traces", token)).size());
        }
        UUID ticketed = Fixtures.conversation("carol").id();
        http.post("/api/v1/traces", SERVICE, batch(span(ticketed)));
        String agent = TestTokens.withRoles("dave", "agent");
        assertProblem(http.get("/api/v1/conversations/" + ticketed + "/traces", agent), 404);

        TestTicketPresence.WITH_TICKET.add(ticketed);

        assertEquals(1, trees(http.get("/api/v1/conversations/" + ticketed + "/traces", agent)).size());
    }

    @Test
    void anyone_else_gets_404_exactly_as_for_a_missing_id() {
        String bob = TestTokens.user("bob");
        String agentWithoutTicket = TestTokens.withRoles("dave", "agent");
        var missing = assertProblem(http.get("/api/v1/conversations/" + Ids.newId() + "/traces", bob), 404);
        for (String token : new String[]{bob, agentWithoutTicket}) {
            assertEquals(missing.get("detail"), assertProblem(http.get("/api/v1/conversations/" + conversation + "/traces", token), 404).get("detail"));
            var message = assertProblem(http.get("/api/v1/messages/" + m1 + "/traces", token), 404);
            assertEquals(assertProblem(http.get("/api/v1/messages/" + Ids.newId() + "/traces", token), 404).get("detail"), message.get("detail"));
        }
    }

    @Test
    void without_a_token_it_is_401() {
        assertProblem(http.get("/api/v1/conversations/" + conversation + "/traces", null), 401);
        assertProblem(http.get("/api/v1/messages/" + m1 + "/traces", null), 401);
    }

    @Test
    void malformed_ids_are_404() {
        String alice = TestTokens.user("alice");
        for (String id : new String[]{"not-a-uuid", "1", conversation + "x", "%00"}) {
            assertProblem(http.get("/api/v1/conversations/" + id + "/traces", alice), 404);
            assertProblem(http.get("/api/v1/messages/" + id + "/traces", alice), 404);
        }
    }

    @Test
    void a_message_without_spans_is_404() {
        UUID quiet = Fixtures.message(conversation, "assistant", "no trace recorded");

        assertProblem(http.get("/api/v1/messages/" + quiet + "/traces", TestTokens.user("alice")), 404);
    }

    @Test
    void a_conversation_without_spans_has_no_trees_and_zero_totals() {
        UUID empty = Fixtures.conversation("alice").id();

        var reply = http.get("/api/v1/conversations/" + empty + "/traces", TestTokens.user("alice"));

        assertEquals(List.of(), trees(reply));
        assertEquals(totals(0, 0.0, 0, 0, 0.0, 0), reply.field("totals"));
    }

    @Test
    void erasing_the_conversation_erases_its_traces() {
        UUID doomed = Fixtures.conversation("erin").id();
        http.post("/api/v1/traces", SERVICE, batch(span(doomed), span(doomed)));

        Fixtures.execute("DELETE FROM conversation.conversations WHERE id = ?", doomed);

        assertEquals(0, Db.spansOf(doomed));
    }
}
