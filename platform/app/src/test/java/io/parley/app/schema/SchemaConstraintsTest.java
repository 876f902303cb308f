package io.parley.app.schema;

import io.parley.app.schema.World.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.parley.app.schema.World.agentTrace;
import static io.parley.app.schema.World.apiRequest;
import static io.parley.app.schema.World.conversation;
import static io.parley.app.schema.World.feedback;
import static io.parley.app.schema.World.handoff;
import static io.parley.app.schema.World.knowledgeDocument;
import static io.parley.app.schema.World.message;
import static io.parley.app.schema.World.ticket;
import static io.parley.app.schema.World.ticketEvent;
import static io.parley.app.schema.World.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every CHECK, UNIQUE and FOREIGN KEY of the schema rejects what it exists to reject, with the right
 * SQLSTATE and under its own name; the limits are inclusive; messages are append-only; generated
 * columns compute what the API relies on. Each test runs on {@link World} inside a transaction that
 * is rolled back.
 */
class SchemaConstraintsTest {

    private static final String CHECK = "23514";
    private static final String UNIQUE = "23505";
    private static final String FOREIGN_KEY = "23503";
    private static final String NOT_NULL = "23502";
    private static final String GENERATED_ALWAYS = "428C9";
    private static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";

    record Bite(String constraint, String sqlState, Row row) {
        @Override
        public String toString() {
            return constraint + " rejects " + row;
        }
    }

    static Stream<Bite> bites() {
        return Stream.of(
                // conversation.users
                unique("users_external_id_key", user().with("external_id", "'alice'")),
                unique("users_email_key", user().with("email", "'alice@example.com'")),
                check("users_external_id_length", user().with("external_id", "''")),
                check("users_external_id_length", user().with("external_id", "repeat('x', 256)")),
                check("users_email_length", user().with("email", "'a@'")),
                check("users_name_length", user().with("name", "repeat('x', 201)")),
                // conversation.conversations
                unique("conversations_session_id_key", conversation().with("session_id", "'session-of-conversation-one'")),
                check("conversations_session_id_length", conversation().with("session_id", "repeat('s', 21)")),
                check("conversations_session_id_length", conversation().with("session_id", "repeat('s', 129)")),
                check("conversations_channel_check", conversation().with("channel", "'fax'")),
                check("conversations_locale_check", conversation().with("locale", "'english please'")),
                check("conversations_status_check", conversation().with("status", "'archived'")),
                check("conversations_summary_length", conversation().with("summary", "repeat('x', 101)")),
                check("conversations_metadata_object", conversation().with("metadata", "'[]'::jsonb")),
                check("conversations_last_seq_range", conversation().with("last_seq", "-1")),
                check("conversations_ended_when_closed", conversation().with("status", "'closed'")),
                check("conversations_ended_when_closed", conversation().with("ended_at", "now()")),
                check("conversations_time_order", conversation().with("started_at", "now()").with("updated_at", "now() - interval '1 second'")),
                foreignKey("conversations_user_id_fkey", conversation().with("user_id", "gen_random_uuid()")),
                // conversation.messages
                unique("messages_conversation_seq_key", message().with("seq", "1")),
                unique("messages_conversation_idempotency_key", message().with("idempotency_key", "'key-1'")),
                check("messages_seq_range", message().with("seq", "0")),
                check("messages_role_check", message().with("role", "'robot'")),
                check("messages_content_length", message().with("content", "''")),
                check("messages_content_length", message().with("content", "repeat('x', 65537)")),
                check("messages_intent_length", message().with("intent", "''")),
                check("messages_confidence_range", message().with("confidence", "1.5")),
                check("messages_confidence_range", message().with("confidence", "-0.01")),
                check("messages_metadata_object", message().with("metadata", "'\"text\"'::jsonb")),
                check("messages_redactions_range", message().with("redactions", "-1")),
                check("messages_idempotency_key_format", message().with("idempotency_key", "'has space'")),
                check("messages_idempotency_key_format", message().with("idempotency_key", "repeat('k', 129)")),
                foreignKey("messages_conversation_id_fkey", message().with("conversation_id", "gen_random_uuid()")),
                // conversation.feedback
                unique("feedback_conversation_id_key", feedback().with("conversation_id", ":c1")),
                check("feedback_rating_range", feedback().with("rating", "6")),
                check("feedback_rating_range", feedback().with("rating", "-1")),
                check("feedback_comment_length", feedback().with("comment", "repeat('x', 2001)")),
                foreignKey("feedback_conversation_id_fkey", feedback().with("conversation_id", "gen_random_uuid()")),
                // conversation.knowledge_documents
                check("knowledge_documents_title_length", knowledgeDocument().with("title", "''")),
                check("knowledge_documents_content_length", knowledgeDocument().with("content", "repeat('x', 100001)")),
                check("knowledge_documents_source_url_length", knowledgeDocument().with("source_url", "repeat('u', 2049)")),
                check("knowledge_documents_tags_count", knowledgeDocument().with("tags", "(SELECT array_agg(g::text) FROM generate_series(1, 51) g)")),
                check("knowledge_documents_metadata_object", knowledgeDocument().with("metadata", "'[]'::jsonb")),
                // ticketing.tickets
                unique("tickets_number_key", ticket().with("number", "(SELECT number FROM ticketing.tickets WHERE id = :t1)")),
                unique("tickets_conversation_id_key", ticket().with("conversation_id", ":c1")),
                check("tickets_status_check", ticket().with("status", "'ESCALATED'")),
                check("tickets_priority_check", ticket().with("priority", "'critical'")),
                check("tickets_description_length", ticket().with("description", "repeat('x', 5001)")),
                check("tickets_escalation_reason_length", ticket().with("escalation_reason", "repeat('x', 1001)")),
                check("tickets_initial_summary_length", ticket().with("initial_summary", "repeat('x', 1001)")),
                check("tickets_metadata_object", ticket().with("metadata", "'null'::jsonb")),
                check("tickets_version_range", ticket().with("version", "-1")),
                check("tickets_closed_iff_closed_at", ticket().with("status", "'CLOSED_RESOLVED'")),
                check("tickets_closed_iff_closed_at", ticket().with("closed_at", "now()")),
                check("tickets_active_is_assigned", ticket().with("status", "'ACTIVE_HUMAN_CHAT'")),
                foreignKey("tickets_conversation_id_fkey", ticket().with("conversation_id", "gen_random_uuid()")),
                foreignKey("tickets_client_id_fkey", ticket().with("client_id", "gen_random_uuid()")),
                foreignKey("tickets_assignee_id_fkey", ticket().with("assignee_id", "gen_random_uuid()")),
                // ticketing.ticket_events
                check("ticket_events_from_status_check", ticketEvent().with("from_status", "'ESCALATED'")),
                check("ticket_events_to_status_check", ticketEvent().with("to_status", "'ESCALATED'")),
                check("ticket_events_actor_length", ticketEvent().with("actor", "''")),
                check("ticket_events_reason_length", ticketEvent().with("reason", "repeat('x', 1001)")),
                foreignKey("ticket_events_ticket_id_fkey", ticketEvent().with("ticket_id", "gen_random_uuid()")),
                // ticketing.handoffs
                unique("handoffs_ticket_id_key", handoff().with("ticket_id", ":t1")),
                unique("handoffs_conversation_id_key", handoff().with("conversation_id", ":c1")),
                check("handoffs_provider_check", handoff().with("provider", "'jira'")),
                check("handoffs_status_check", handoff().with("status", "'lost'")),
                check("handoffs_reason_length", handoff().with("reason", "repeat('x', 1001)")),
                check("handoffs_external_ticket_id_length", handoff().with("external_ticket_id", "repeat('x', 256)")),
                check("handoffs_attempts_range", handoff().with("attempts", "-1")),
                check("handoffs_last_error_length", handoff().with("last_error", "repeat('x', 2001)")),
                check("handoffs_pending_is_scheduled", handoff().with("next_attempt_at", "NULL")),
                foreignKey("handoffs_ticket_id_fkey", handoff().with("ticket_id", "gen_random_uuid()")),
                foreignKey("handoffs_conversation_id_fkey", handoff().with("conversation_id", "gen_random_uuid()")),
                // tracing.agent_traces
                check("agent_traces_not_own_parent", agentTrace().with("id", ":s2").with("parent_id", ":s2")),
                check("agent_traces_agent_type_length", agentTrace().with("agent_type", "''")),
                check("agent_traces_operation_type_check", agentTrace().with("operation_type", "'telepathy'")),
                check("agent_traces_name_length", agentTrace().with("name", "repeat('x', 201)")),
                check("agent_traces_status_check", agentTrace().with("status", "'pending'")),
                check("agent_traces_time_order", agentTrace().with("ended_at", "now() - interval '2 seconds'")),
                check("agent_traces_input_tokens_range", agentTrace().with("input_tokens", "-1")),
                check("agent_traces_output_tokens_range", agentTrace().with("output_tokens", "-1")),
                check("agent_traces_cost_range", agentTrace().with("cost_usd", "-0.000001")),
                check("agent_traces_model_length", agentTrace().with("model", "repeat('x', 201)")),
                check("agent_traces_payload_size", agentTrace().with("payload", "jsonb_build_object('x', repeat('x', 65528))")),
                check("agent_traces_error_length", agentTrace().with("error", "repeat('x', 4001)")),
                foreignKey("agent_traces_conversation_id_fkey", agentTrace().with("conversation_id", "gen_random_uuid()")),
                foreignKey("agent_traces_message_id_fkey", agentTrace().with("message_id", "gen_random_uuid()")),
                // tracing.api_requests
                check("api_requests_endpoint_length", apiRequest().with("endpoint", "''")),
                check("api_requests_method_check", apiRequest().with("method", "'FETCH'")),
                check("api_requests_method_check", apiRequest().with("method", "'get'")),
                check("api_requests_status_code_range", apiRequest().with("status_code", "600")),
                check("api_requests_status_code_range", apiRequest().with("status_code", "99")),
                check("api_requests_latency_range", apiRequest().with("latency_ms", "-0.1")),
                check("api_requests_caller_kind_check", apiRequest().with("caller_kind", "'robot'")));
    }

    /** The edges of every range are allowed, and so are the NULLs the API writes. */
    static Stream<Row> accepted() {
        return Stream.of(
                user().with("external_id", "repeat('x', 255)"),
                user().with("email", "'a@b'").with("name", "repeat('x', 200)"),
                user().with("email", "NULL"),
                conversation().with("user_id", "NULL"),
                conversation().with("session_id", "repeat('s', 22)"),
                conversation().with("session_id", "repeat('s', 128)"),
                conversation().with("summary", "repeat('x', 100)").with("locale", "'zh-Hant-TW'").with("channel", "'api'"),
                conversation().with("status", "'closed'").with("ended_at", "now()"),
                message().with("confidence", "0").with("role", "'system'"),
                message().with("confidence", "1").with("content", "repeat('x', 65536)").with("intent", "repeat('i', 100)"),
                message().with("idempotency_key", "repeat('~', 128)"),
                message().with("conversation_id", ":c2").with("seq", "1").with("idempotency_key", "'key-1'"),
                feedback().with("rating", "0").with("comment", "repeat('x', 2000)"),
                knowledgeDocument().with("tags", "(SELECT array_agg(g::text) FROM generate_series(1, 50) g)")
                        .with("content", "repeat('x', 100000)").with("language", "'simple'"),
                ticket().with("status", "'CLOSED_BY_CLIENT'").with("closed_at", "now()").with("priority", "'urgent'"),
                ticket().with("conversation_id", "NULL"),
                ticket().with("status", "'ACTIVE_HUMAN_CHAT'").with("assigned_at", "now()").with("assignee_id", ":bob"),
                ticketEvent().with("from_status", "NULL").with("reason", "repeat('x', 1000)"),
                handoff().with("status", "'failed'").with("next_attempt_at", "NULL").with("last_error", "repeat('x', 2000)"),
                agentTrace().with("message_id", "NULL").with("parent_id", "NULL").with("ended_at", "NULL"),
                agentTrace().with("payload", "jsonb_build_object('x', repeat('x', 65527))").with("cost_usd", "0"),
                apiRequest().with("status_code", "100").with("method", "'OPTIONS'").with("latency_ms", "0"),
                apiRequest().with("status_code", "599").with("caller_kind", "'anonymous'"));
    }

    private SchemaSession session;

    @BeforeAll
    void open() {
        session = SchemaSession.open();
    }

    @BeforeEach
    void world() {
        session.begin();
        World.create(session);
    }

    @AfterEach
    void undo() {
        session.undo();
    }

    @AfterAll
    void close() {
        session.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bites")
    void each_constraint_rejects_what_it_exists_to_reject(Bite bite) {
        PSQLException error = session.failure(bite.row().insert());
        assertEquals(bite.sqlState(), error.getSQLState(), error::getMessage);
        assertEquals(bite.constraint(), error.getServerErrorMessage().getConstraint(), error::getMessage);
    }

    @Test
    void every_check_unique_and_foreign_key_of_the_schema_is_proven_above() {
        Set<String> inSchema = new TreeSet<>(session.strings("""
                SELECT conname FROM pg_constraint
                 WHERE contype IN ('c', 'u', 'f') AND connamespace::regnamespace::text IN ('conversation', 'ticketing', 'tracing')
                """));
        Set<String> proven = bites().map(Bite::constraint).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inSchema, proven);
    }

    @Test
    void the_template_row_of_every_table_is_valid() {
        for (Row row : List.of(user(), conversation(), message(), feedback(), knowledgeDocument(), ticket(), ticketEvent(),
                handoff(), agentTrace(), apiRequest())) {
            session.execute(row.insert());
        }
        assertEquals(2L, session.count("SELECT count(*) FROM tracing.api_requests"));
    }

    @ParameterizedTest(name = "accepts {0}")
    @MethodSource("accepted")
    void the_limits_are_inclusive(Row row) {
        session.execute(row.insert());
    }

    @Test
    void required_columns_reject_null() {
        for (Row row : List.of(message().with("content", "NULL"), conversation().with("session_id", "NULL"),
                handoff().with("conversation_id", "NULL"), agentTrace().with("conversation_id", "NULL"),
                ticket().with("status", "NULL"))) {
            PSQLException error = session.failure(row.insert());
            assertEquals(NOT_NULL, error.getSQLState(), row::toString);
        }
    }

    @Test
    void a_message_can_never_be_updated() {
        for (String update : List.of(
                "UPDATE conversation.messages SET content = 'rewritten history' WHERE id = :m1",
                "UPDATE conversation.messages SET metadata = '{\"edited\": true}' WHERE id = :m1",
                "UPDATE conversation.messages SET content = content WHERE conversation_id = :c1")) {
            PSQLException error = session.failure(update);
            assertEquals(OBJECT_NOT_IN_PREREQUISITE_STATE, error.getSQLState(), update);
            assertTrue(error.getMessage().contains("append-only"), error::getMessage);
        }
        assertEquals("I want a refund for order 42", session.value("SELECT content FROM conversation.messages WHERE id = :m1"));
    }

    @Test
    void generated_columns_cannot_be_written() {
        for (String insert : List.of(
                knowledgeDocument().with("search_vector", "to_tsvector('forged')").insert(),
                ticket().with("priority_rank", "9").insert(),
                agentTrace().with("duration_ms", "1").insert())) {
            assertEquals(GENERATED_ALWAYS, session.failure(insert).getSQLState(), insert);
        }
    }

    @Test
    void the_search_vector_is_generated_from_title_and_content_with_the_title_weighted_higher() {
        String vector = (String) session.value("SELECT search_vector::text FROM conversation.knowledge_documents WHERE id = :k1");
        assertTrue(vector.contains("'refund':1A") && vector.contains("'polici':2A"), vector);
        assertTrue(vector.contains("'money':3B") && vector.contains("'purchas':9B"), vector);
        assertEquals(World.id("k1"), session.value("""
                SELECT id FROM conversation.knowledge_documents WHERE search_vector @@ websearch_to_tsquery('english', 'refunds policy')
                """));
    }

    @Test
    void the_queue_rank_follows_the_priority() {
        for (String priority : List.of("low", "normal", "high", "urgent")) {
            session.execute("UPDATE ticketing.tickets SET priority = '" + priority + "' WHERE id = :t2");
            long rank = session.count("SELECT priority_rank FROM ticketing.tickets WHERE id = :t2");
            assertEquals(List.of("low", "normal", "high", "urgent").indexOf(priority) + 1, rank, priority);
        }
    }

    @Test
    void a_span_knows_its_duration_once_it_has_ended() {
        session.execute(agentTrace().with("id", "'00000000-0000-7000-8000-0000000000f1'")
                .with("started_at", "'2026-11-23T10:00:00Z'").with("ended_at", "'2026-11-23T10:00:01.5Z'").insert());
        session.execute(agentTrace().with("id", "'00000000-0000-7000-8000-0000000000f2'").with("ended_at", "NULL").insert());
        assertEquals(1500.0, session.value("SELECT duration_ms FROM tracing.agent_traces WHERE id = '00000000-0000-7000-8000-0000000000f1'"));
        assertEquals(null, session.value("SELECT duration_ms FROM tracing.agent_traces WHERE id = '00000000-0000-7000-8000-0000000000f2'"));
    }

    @Test
    void a_row_outside_every_partition_lands_in_the_default_partition_and_an_insert_never_fails() {
        session.execute(agentTrace().with("id", "'00000000-0000-7000-8000-0000000000d1'").with("created_at", "'1999-12-31T23:59:59Z'").insert());
        session.execute(apiRequest().with("id", "'00000000-0000-7000-8000-0000000000d2'").with("created_at", "'2199-01-01T00:00:00Z'").insert());
        session.execute(apiRequest().with("id", "'00000000-0000-7000-8000-0000000000d3'").insert());

        assertEquals("tracing.agent_traces_default", session.value(
                "SELECT tableoid::regclass::text FROM tracing.agent_traces WHERE id = '00000000-0000-7000-8000-0000000000d1'"));
        assertEquals("tracing.api_requests_default", session.value(
                "SELECT tableoid::regclass::text FROM tracing.api_requests WHERE id = '00000000-0000-7000-8000-0000000000d2'"));
        assertTrue(((String) session.value("SELECT tableoid::regclass::text FROM tracing.api_requests"
                + " WHERE id = '00000000-0000-7000-8000-0000000000d3'")).matches("tracing\\.api_requests_p\\d{8}"), "today has its partition");
    }

    /** PRIMARY KEY (id, created_at) alone would take the same span id twice in two partitions; the id registry does not. */
    @Test
    void a_span_id_is_registered_once_and_deleting_the_span_by_any_route_gives_it_back() {
        session.execute("INSERT INTO tracing.agent_trace_ids (id) VALUES (:s1), (:s2)");
        PSQLException twice = session.failure("INSERT INTO tracing.agent_trace_ids (id) VALUES (:s1)");
        assertEquals(UNIQUE, twice.getSQLState());
        assertEquals("agent_trace_ids_pkey", twice.getServerErrorMessage().getConstraint());
        session.execute(agentTrace().with("id", ":s1").with("parent_id", "NULL").with("created_at", "now() - interval '400 days'").insert());
        assertEquals(2L, session.count("SELECT count(*) FROM tracing.agent_traces WHERE id = :s1"), "the key alone allows it");

        session.execute("DELETE FROM tracing.agent_traces WHERE id = :s2");
        assertEquals(0L, session.count("SELECT count(*) FROM tracing.agent_trace_ids WHERE id = :s2"), "a direct delete");
        session.execute("DELETE FROM conversation.conversations WHERE id = :c1");
        assertEquals(0L, session.count("SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = :c1"));
        assertEquals(0L, session.count("SELECT count(*) FROM tracing.agent_trace_ids"), "the erasure cascade");
    }

    @Test
    void ticket_numbers_are_drawn_from_the_sequence() {
        long first = session.count("SELECT number FROM ticketing.tickets WHERE id = :t1");
        long second = session.count("SELECT number FROM ticketing.tickets WHERE id = :t2");
        assertTrue(first >= 1000, "numbers start at 1000");
        assertTrue(second > first, "numbers grow");
    }

    @Test
    void every_ticket_change_takes_the_next_change_number_and_nothing_else_moves_it() {
        long before = session.count("SELECT change_seq FROM ticketing.tickets WHERE id = :t2");
        session.execute("UPDATE ticketing.tickets SET priority = 'high', version = version + 1 WHERE id = :t2");
        long changed = session.count("SELECT change_seq FROM ticketing.tickets WHERE id = :t2");
        assertTrue(changed > before, "a change (the version moves) takes a new, larger number");

        session.execute("UPDATE ticketing.tickets SET change_seq = 1, description = 'no version bump' WHERE id = :t2");
        assertEquals(changed, session.count("SELECT change_seq FROM ticketing.tickets WHERE id = :t2"),
                "an update that is not a change keeps the number, and nobody but the trigger writes it");

        session.execute(ticket().with("change_seq", "1").insert());
        long inserted = session.count("SELECT change_seq FROM ticketing.tickets WHERE conversation_id = :c3");
        assertTrue(inserted > changed, "a new ticket takes the next number whatever the insert says");
    }

    private static Bite check(String constraint, Row row) {
        return new Bite(constraint, CHECK, row);
    }

    private static Bite unique(String constraint, Row row) {
        return new Bite(constraint, UNIQUE, row);
    }

    private static Bite foreignKey(String constraint, Row row) {
        return new Bite(constraint, FOREIGN_KEY, row);
    }
}
