package io.parley.app.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small, valid data set touching every table, written inside a test's transaction, and the
 * template of one more valid row per table. Tests bend one column of a template and expect
 * PostgreSQL to reject it; or collide with a row of the world (a second feedback for {@code :c1}).
 *
 * <pre>
 * alice (user) ── c1 ── m1 (seq 1, idempotency key "key-1"), m2 (seq 2) ── spans s1 ⊃ s2 (trace1, on m2)
 *              │        feedback f1, ticket t1 (client alice, assignee bob, ACTIVE_HUMAN_CHAT) ── events e1, e2; handoff h1
 *              └─ c2 ── ticket t2 (PENDING_HUMAN_ASSIGNMENT, no handoff) ── event e3
 * bob (agent)
 * guest ──────── c3 (nothing hangs off it)
 * knowledge document k1; api request r1
 * </pre>
 */
final class World {

    private static final Map<String, UUID> IDS = new LinkedHashMap<>();

    static {
        String[] names = {"alice", "bob", "c1", "c2", "c3", "m1", "m2", "f1", "t1", "t2", "e1", "e2", "e3", "h1",
                "trace1", "s1", "s2", "k1", "r1"};
        for (int i = 0; i < names.length; i++) {
            IDS.put(names[i], UUID.fromString(String.format("00000000-0000-7000-8000-%012d", i + 1)));
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!:):([a-z][a-z0-9]*)\\b");

    private World() {
    }

    static UUID id(String name) {
        UUID id = IDS.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no row called " + name + " in the world");
        }
        return id;
    }

    /** Replaces {@code :name} by the uuid literal of that row of the world ({@code ::casts} are left alone). */
    static String expand(String sql) {
        Matcher matcher = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = IDS.containsKey(name) ? "'" + IDS.get(name) + "'::uuid" : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static void create(SchemaSession session) {
        session.execute("""
                INSERT INTO conversation.users (id, external_id, email, name) VALUES
                    (:alice, 'alice', 'alice@example.com', 'Alice'),
                    (:bob, 'bob', 'bob@example.com', 'Bob');
                INSERT INTO conversation.conversations (id, user_id, session_id, summary, metadata, last_seq) VALUES
                    (:c1, :alice, 'session-of-conversation-one', 'Refund for order 42', '{"source": "widget"}', 2),
                    (:c2, :alice, 'session-of-conversation-two', NULL, '{}', 0),
                    (:c3, NULL, 'session-of-guest-conversation-three', NULL, '{}', 0);
                INSERT INTO conversation.messages (id, conversation_id, seq, role, content, idempotency_key) VALUES
                    (:m1, :c1, 1, 'user', 'I want a refund for order 42', 'key-1'),
                    (:m2, :c1, 2, 'assistant', 'Let me hand you to a human', NULL);
                INSERT INTO conversation.feedback (id, conversation_id, rating, comment) VALUES (:f1, :c1, 4, 'quick');
                INSERT INTO ticketing.tickets (id, conversation_id, client_id, assignee_id, status, priority, description,
                                               escalation_reason, initial_summary, metadata, assigned_at) VALUES
                    (:t1, :c1, :alice, :bob, 'ACTIVE_HUMAN_CHAT', 'high', 'Refund for order 42 by alice@example.com',
                     'customer asked for a human', 'Refund for order 42', '{"order": "42"}', now()),
                    (:t2, :c2, :alice, NULL, 'PENDING_HUMAN_ASSIGNMENT', 'normal', 'Second question', 'unsure',
                     'Second question', '{"k": "v"}', NULL);
                INSERT INTO ticketing.ticket_events (id, ticket_id, from_status, to_status, actor, reason) VALUES
                    (:e1, :t1, NULL, 'PENDING_HUMAN_ASSIGNMENT', 'system', 'customer wrote: refund order 42'),
                    (:e2, :t1, 'PENDING_HUMAN_ASSIGNMENT', 'ACTIVE_HUMAN_CHAT', 'bob', 'claimed from the queue'),
                    (:e3, :t2, NULL, 'PENDING_HUMAN_ASSIGNMENT', 'system', 'unsure about the answer');
                INSERT INTO ticketing.handoffs (id, ticket_id, conversation_id, provider, status, reason, external_ticket_id, attempts)
                    VALUES (:h1, :t1, :c1, 'zendesk', 'created', 'refund for order 42', 'ZD-1001', 1);
                INSERT INTO tracing.agent_traces (id, trace_id, parent_id, conversation_id, message_id, agent_type,
                                                  operation_type, name, status, started_at, ended_at) VALUES
                    (:s1, :trace1, NULL, :c1, :m2, 'assistant', 'llm_call', 'answer', 'ok', now() - interval '2 seconds', now()),
                    (:s2, :trace1, :s1, :c1, :m2, 'assistant', 'retrieval', 'search knowledge', 'ok', now() - interval '2 seconds', now());
                INSERT INTO conversation.knowledge_documents (id, title, content)
                    VALUES (:k1, 'Refund policy', 'Money back within 30 days of purchase');
                INSERT INTO tracing.api_requests (id, endpoint, method, status_code, latency_ms, caller_kind)
                    VALUES (:r1, '/v1/conversations/{id}', 'GET', 200, 3.5, 'user');
                """);
    }

    // One more valid row per table: each is accepted as it stands (SchemaConstraintsTest proves it).

    static Row user() {
        return Row.of("conversation.users", "id", "gen_random_uuid()", "external_id", "'carol'",
                "email", "'carol@example.com'", "name", "'Carol'");
    }

    static Row conversation() {
        return Row.of("conversation.conversations", "id", "gen_random_uuid()", "user_id", ":alice",
                "session_id", "'session-of-a-new-conversation'", "channel", "'web'", "status", "'open'");
    }

    static Row message() {
        return Row.of("conversation.messages", "id", "gen_random_uuid()", "conversation_id", ":c1", "seq", "3",
                "role", "'user'", "content", "'Any news?'");
    }

    static Row feedback() {
        return Row.of("conversation.feedback", "id", "gen_random_uuid()", "conversation_id", ":c3", "rating", "5");
    }

    static Row knowledgeDocument() {
        return Row.of("conversation.knowledge_documents", "id", "gen_random_uuid()", "title", "'Shipping times'",
                "content", "'Parcels arrive within three days'");
    }

    static Row ticket() {
        return Row.of("ticketing.tickets", "id", "gen_random_uuid()", "conversation_id", ":c3",
                "status", "'OPEN_AI_HANDLING'", "priority", "'normal'");
    }

    static Row ticketEvent() {
        return Row.of("ticketing.ticket_events", "id", "gen_random_uuid()", "ticket_id", ":t2",
                "from_status", "'PENDING_HUMAN_ASSIGNMENT'", "to_status", "'ACTIVE_HUMAN_CHAT'", "actor", "'bob'");
    }

    static Row handoff() {
        return Row.of("ticketing.handoffs", "id", "gen_random_uuid()", "ticket_id", ":t2", "conversation_id", ":c2",
                "provider", "'internal'", "status", "'pending'", "next_attempt_at", "now()");
    }

    static Row agentTrace() {
        return Row.of("tracing.agent_traces", "id", "gen_random_uuid()", "trace_id", ":trace1", "parent_id", ":s1",
                "conversation_id", ":c1", "message_id", ":m2", "agent_type", "'assistant'", "operation_type", "'tool_call'",
                "name", "'look up order'", "status", "'ok'", "started_at", "now() - interval '1 second'", "ended_at", "now()");
    }

    static Row apiRequest() {
        return Row.of("tracing.api_requests", "id", "gen_random_uuid()", "endpoint", "'/v1/conversations'",
                "method", "'POST'", "status_code", "201", "latency_ms", "12.5", "caller_kind", "'guest'");
    }

    /** A row to insert: column → SQL expression. {@link #with} bends one column; toString shows the bend. */
    record Row(String table, Map<String, String> values, Map<String, String> bent) {

        static Row of(String table, String... columnsAndValues) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < columnsAndValues.length; i += 2) {
                values.put(columnsAndValues[i], columnsAndValues[i + 1]);
            }
            return new Row(table, values, Map.of());
        }

        Row with(String column, String sqlExpression) {
            Map<String, String> values = new LinkedHashMap<>(this.values);
            values.put(column, sqlExpression);
            Map<String, String> bent = new LinkedHashMap<>(this.bent);
            bent.put(column, sqlExpression);
            return new Row(table, values, bent);
        }

        String insert() {
            return "INSERT INTO " + table + " (" + String.join(", ", values.keySet()) + ") VALUES ("
                    + String.join(", ", values.values()) + ")";
        }

        @Override
        public String toString() {
            String bends = bent.entrySet().stream().map(e -> e.getKey() + " = " + abbreviate(e.getValue()))
                    .collect(Collectors.joining(", "));
            return table + (bends.isEmpty() ? "" : " with " + bends);
        }

        private static String abbreviate(String value) {
            return value.length() <= 60 ? value : value.substring(0, 57) + "...";
        }
    }
}
