package io.parley.app.schema;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migrated schema, read back from pg_catalog and compared with the specification below: every
 * table, column (type, nullability, generated), key, foreign key with its ON DELETE, CHECK (by name;
 * what each one rejects is proven in {@link SchemaConstraintsTest}), index (with its partial
 * predicate), trigger and partitioning. A migration that changes the schema changes this specification
 * with it. The partitions of a partitioned table come and go with time (the service creates them ahead,
 * retention drops them), so the specification is the partitioned table's, and every partition is checked to
 * carry all of it.
 */
class SchemaCatalogTest {

    private static final String SCHEMAS = "('conversation', 'ticketing', 'tracing')";

    private static final String COLUMNS = """
            conversation.users
              id                  uuid                  not null
              external_id         text                  not null
              email               text                  null
              name                text                  null
              is_authenticated    boolean               not null
              created_at          timestamptz           not null
              updated_at          timestamptz           not null
            conversation.conversations
              id                  uuid                  not null
              user_id             uuid                  null
              session_id          text                  not null
              channel             text                  not null
              locale              text                  null
              status              text                  not null
              summary             text                  null
              metadata            jsonb                 not null
              last_seq            bigint                not null
              started_at          timestamptz           not null
              updated_at          timestamptz           not null
              ended_at            timestamptz           null
            conversation.messages
              id                  uuid                  not null
              conversation_id     uuid                  not null
              seq                 bigint                not null
              role                text                  not null
              content             text                  not null
              intent              text                  null
              confidence          double precision      null
              metadata            jsonb                 not null
              redactions          integer               not null
              idempotency_key     text                  null
              created_at          timestamptz           not null
            conversation.feedback
              id                  uuid                  not null
              conversation_id     uuid                  not null
              rating              smallint              not null
              comment             text                  null
              created_at          timestamptz           not null
              updated_at          timestamptz           not null
            conversation.knowledge_documents
              id                  uuid                  not null
              title               text                  not null
              content             text                  not null
              source_url          text                  null
              tags                text[]                not null
              metadata            jsonb                 not null
              language            regconfig             not null
              search_vector       tsvector              null        generated
              created_at          timestamptz           not null
              updated_at          timestamptz           not null
            ticketing.tickets
              id                  uuid                  not null
              number              bigint                not null
              conversation_id     uuid                  null
              client_id           uuid                  null
              assignee_id         uuid                  null
              status              text                  not null
              priority            text                  not null
              priority_rank       smallint              null        generated
              description         text                  null
              escalation_reason   text                  null
              initial_summary     text                  null
              metadata            jsonb                 not null
              version             bigint                not null
              opened_at           timestamptz           not null
              assigned_at         timestamptz           null
              closed_at           timestamptz           null
              updated_at          timestamptz           not null
              change_seq          bigint                not null
            ticketing.ticket_events
              id                  uuid                  not null
              ticket_id           uuid                  not null
              from_status         text                  null
              to_status           text                  not null
              actor               text                  not null
              reason              text                  null
              at                  timestamptz           not null
            ticketing.handoffs
              id                  uuid                  not null
              ticket_id           uuid                  not null
              conversation_id     uuid                  not null
              provider            text                  not null
              status              text                  not null
              reason              text                  null
              external_ticket_id  text                  null
              attempts            integer               not null
              next_attempt_at     timestamptz           null
              last_error          text                  null
              created_at          timestamptz           not null
              updated_at          timestamptz           not null
            tracing.agent_traces
              id                  uuid                  not null
              trace_id            uuid                  not null
              parent_id           uuid                  null
              conversation_id     uuid                  not null
              message_id          uuid                  null
              agent_type          text                  not null
              operation_type      text                  not null
              name                text                  not null
              status              text                  not null
              started_at          timestamptz           not null
              ended_at            timestamptz           null
              duration_ms         double precision      null        generated
              input_tokens        integer               null
              output_tokens       integer               null
              cost_usd            numeric(14,6)         null
              model               text                  null
              payload             jsonb                 null
              error               text                  null
              created_at          timestamptz           not null
            tracing.agent_trace_ids
              id                  uuid                  not null
            tracing.api_requests
              id                  uuid                  not null
              endpoint            text                  not null
              method              text                  not null
              status_code         smallint              not null
              latency_ms          double precision      not null
              caller_kind         text                  not null
              created_at          timestamptz           not null
            """;

    /** Keys, foreign keys (with the reason for their ON DELETE) and the names of the CHECKs. */
    private static final String CONSTRAINTS = """
            conversation.users
              primary key (id)
              unique users_external_id_key (external_id)
              unique users_email_key (email)
              check users_external_id_length
              check users_email_length
              check users_name_length
            conversation.conversations
              primary key (id)
              unique conversations_session_id_key (session_id)
              foreign key conversations_user_id_fkey (user_id) -> conversation.users on delete cascade
              check conversations_session_id_length
              check conversations_channel_check
              check conversations_locale_check
              check conversations_status_check
              check conversations_summary_length
              check conversations_metadata_object
              check conversations_last_seq_range
              check conversations_ended_when_closed
              check conversations_time_order
            conversation.messages
              primary key (id)
              unique messages_conversation_seq_key (conversation_id, seq)
              unique messages_conversation_idempotency_key (conversation_id, idempotency_key)
              foreign key messages_conversation_id_fkey (conversation_id) -> conversation.conversations on delete cascade
              check messages_seq_range
              check messages_role_check
              check messages_content_length
              check messages_intent_length
              check messages_confidence_range
              check messages_metadata_object
              check messages_redactions_range
              check messages_idempotency_key_format
            conversation.feedback
              primary key (id)
              unique feedback_conversation_id_key (conversation_id)
              foreign key feedback_conversation_id_fkey (conversation_id) -> conversation.conversations on delete cascade
              check feedback_rating_range
              check feedback_comment_length
            conversation.knowledge_documents
              primary key (id)
              check knowledge_documents_title_length
              check knowledge_documents_content_length
              check knowledge_documents_source_url_length
              check knowledge_documents_tags_count
              check knowledge_documents_metadata_object
            ticketing.tickets
              primary key (id)
              unique tickets_number_key (number)
              unique tickets_conversation_id_key (conversation_id)
              foreign key tickets_conversation_id_fkey (conversation_id) -> conversation.conversations on delete set null
              foreign key tickets_client_id_fkey (client_id) -> conversation.users on delete set null
              foreign key tickets_assignee_id_fkey (assignee_id) -> conversation.users on delete set null
              check tickets_status_check
              check tickets_priority_check
              check tickets_description_length
              check tickets_escalation_reason_length
              check tickets_initial_summary_length
              check tickets_metadata_object
              check tickets_version_range
              check tickets_closed_iff_closed_at
              check tickets_active_is_assigned
            ticketing.ticket_events
              primary key (id)
              foreign key ticket_events_ticket_id_fkey (ticket_id) -> ticketing.tickets on delete cascade
              check ticket_events_from_status_check
              check ticket_events_to_status_check
              check ticket_events_actor_length
              check ticket_events_reason_length
            ticketing.handoffs
              primary key (id)
              unique handoffs_ticket_id_key (ticket_id)
              unique handoffs_conversation_id_key (conversation_id)
              foreign key handoffs_ticket_id_fkey (ticket_id) -> ticketing.tickets on delete cascade
              foreign key handoffs_conversation_id_fkey (conversation_id) -> conversation.conversations on delete cascade
              check handoffs_provider_check
              check handoffs_status_check
              check handoffs_reason_length
              check handoffs_external_ticket_id_length
              check handoffs_attempts_range
              check handoffs_last_error_length
              check handoffs_pending_is_scheduled
            tracing.agent_traces
              primary key (id, created_at)
              foreign key agent_traces_conversation_id_fkey (conversation_id) -> conversation.conversations on delete cascade
              foreign key agent_traces_message_id_fkey (message_id) -> conversation.messages on delete cascade
              check agent_traces_not_own_parent
              check agent_traces_agent_type_length
              check agent_traces_operation_type_check
              check agent_traces_name_length
              check agent_traces_status_check
              check agent_traces_time_order
              check agent_traces_input_tokens_range
              check agent_traces_output_tokens_range
              check agent_traces_cost_range
              check agent_traces_model_length
              check agent_traces_payload_size
              check agent_traces_error_length
            tracing.agent_trace_ids
              primary key (id)
            tracing.api_requests
              primary key (id, created_at)
              check api_requests_endpoint_length
              check api_requests_method_check
              check api_requests_status_code_range
              check api_requests_latency_range
              check api_requests_caller_kind_check
            """;

    /** Every index: name, method, columns and the predicate of the partial ones. The API's queries use them. */
    private static final String INDEXES = """
            conversation.users
              users_pkey                                unique btree (id)
              users_external_id_key                     unique btree (external_id)
              users_email_key                           unique btree (email)
            conversation.conversations
              conversations_pkey                        unique btree (id)
              conversations_session_id_key              unique btree (session_id)
              conversations_user_updated_idx            btree (user_id, updated_at DESC, id DESC)
              conversations_user_status_updated_idx     btree (user_id, status, updated_at DESC, id DESC)
              conversations_closed_ended_idx            btree (ended_at, id) WHERE (status = 'closed'::text)
              conversations_open_updated_idx            btree (updated_at, id) WHERE (status = 'open'::text)
            conversation.messages
              messages_pkey                             unique btree (id)
              messages_conversation_seq_key             unique btree (conversation_id, seq)
              messages_conversation_idempotency_key     unique btree (conversation_id, idempotency_key)
            conversation.feedback
              feedback_pkey                             unique btree (id)
              feedback_conversation_id_key              unique btree (conversation_id)
              feedback_updated_idx                      btree (updated_at)
            conversation.knowledge_documents
              knowledge_documents_pkey                  unique btree (id)
              knowledge_documents_search_idx            gin (search_vector)
              knowledge_documents_created_idx           btree (created_at DESC, id DESC)
            ticketing.tickets
              tickets_pkey                              unique btree (id)
              tickets_number_key                        unique btree (number)
              tickets_conversation_id_key               unique btree (conversation_id)
              tickets_change_seq_idx                    unique btree (change_seq)
              tickets_client_idx                        btree (client_id)
              tickets_assignee_opened_idx               btree (assignee_id, opened_at DESC, id DESC)
              tickets_status_opened_idx                 btree (status, opened_at DESC, id DESC)
              tickets_opened_idx                        btree (opened_at DESC, id DESC)
              tickets_queue_idx                         btree (priority_rank DESC, opened_at, id) WHERE (status = 'PENDING_HUMAN_ASSIGNMENT'::text)
            ticketing.ticket_events
              ticket_events_pkey                        unique btree (id)
              ticket_events_ticket_at_idx               btree (ticket_id, at, id)
            ticketing.handoffs
              handoffs_pkey                             unique btree (id)
              handoffs_ticket_id_key                    unique btree (ticket_id)
              handoffs_conversation_id_key              unique btree (conversation_id)
              handoffs_due_idx                          btree (next_attempt_at, id) WHERE (status = 'pending'::text)
            tracing.agent_traces
              agent_traces_pkey                         unique btree (id, created_at)
              agent_traces_message_idx                  btree (message_id, started_at) WHERE (message_id IS NOT NULL)
              agent_traces_conversation_idx             btree (conversation_id, started_at)
              agent_traces_trace_idx                    btree (trace_id)
              agent_traces_created_idx                  btree (created_at)
            tracing.agent_trace_ids
              agent_trace_ids_pkey                      unique btree (id)
            tracing.api_requests
              api_requests_pkey                         unique btree (id, created_at)
              api_requests_created_idx                  btree (created_at)
              api_requests_endpoint_created_idx         btree (endpoint, created_at) INCLUDE (method, status_code, latency_ms)
            """;

    private static final String TRIGGERS = """
            conversation.conversations
              conversations_notify_status  AFTER UPDATE OF status FOR EACH ROW WHEN ((old.status IS DISTINCT FROM new.status)) EXECUTE FUNCTION conversation.notify_conversation_changed()
              conversations_notify_deleted AFTER DELETE FOR EACH ROW EXECUTE FUNCTION conversation.notify_conversation_changed()
            conversation.messages
              messages_append_only         BEFORE UPDATE FOR EACH ROW EXECUTE FUNCTION conversation.reject_message_update()
              messages_notify_created      AFTER INSERT FOR EACH ROW EXECUTE FUNCTION conversation.notify_message_created()
            ticketing.tickets
              tickets_anonymise_orphaned   BEFORE UPDATE OF conversation_id FOR EACH ROW EXECUTE FUNCTION ticketing.anonymise_orphaned_ticket()
              tickets_number_change        BEFORE INSERT OR UPDATE FOR EACH ROW EXECUTE FUNCTION ticketing.number_ticket_change()
              tickets_notify_changed       AFTER INSERT OR UPDATE FOR EACH ROW EXECUTE FUNCTION ticketing.notify_ticket_changed()
            tracing.agent_traces
              agent_traces_forget_ids      AFTER DELETE REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION tracing.forget_span_ids()
            """;

    /** The partitioned tables: strategy and key, and the default partition that takes any row no partition covers. */
    private static final String PARTITIONING = """
            tracing.agent_traces     RANGE (created_at)   default tracing.agent_traces_default
            tracing.api_requests     RANGE (created_at)   default tracing.api_requests_default
            """;

    /** Columns named like ids that are not our uuids, and why. */
    private static final Map<String, String> TEXT_IDS = Map.of(
            "conversation.conversations.session_id", "an opaque token a guest holds, not a key",
            "conversation.users.external_id", "the JWT sub of the identity provider",
            "ticketing.handoffs.external_ticket_id", "the helpdesk's own ticket id");

    private SchemaSession session;

    @BeforeEach
    void open() {
        session = SchemaSession.open();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void every_table_and_column_is_as_specified() {
        List<String> actual = session.strings("""
                SELECT n.nspname || '.' || c.relname || ' ' || a.attname || ' '
                       || replace(format_type(a.atttypid, a.atttypmod), 'timestamp with time zone', 'timestamptz')
                       || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
                       || CASE WHEN a.attgenerated = 's' THEN ' generated' ELSE '' END
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition AND n.nspname IN %s
                """.formatted(SCHEMAS));
        assertSameLines(specLines(COLUMNS), actual);
    }

    @Test
    void every_key_foreign_key_and_check_is_as_specified() {
        List<String> actual = session.strings("""
                SELECT n.nspname || '.' || t.relname || ' ' ||
                       CASE k.contype
                         WHEN 'p' THEN 'primary key (' || cols.list || ')'
                         WHEN 'u' THEN 'unique ' || k.conname || ' (' || cols.list || ')'
                         WHEN 'f' THEN 'foreign key ' || k.conname || ' (' || cols.list || ') -> ' || k.confrelid::regclass::text
                                       || ' on delete ' || CASE k.confdeltype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict'
                                                                WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' ELSE 'set default' END
                         WHEN 'c' THEN 'check ' || k.conname
                         ELSE k.contype::text || ' ' || k.conname
                       END
                  FROM pg_constraint k
                  JOIN pg_class t ON t.oid = k.conrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace
                  CROSS JOIN LATERAL (
                      SELECT string_agg(a.attname, ', ' ORDER BY key.ord) AS list
                        FROM unnest(k.conkey) WITH ORDINALITY AS key(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = key.attnum) cols
                 WHERE n.nspname IN %s AND NOT t.relispartition
                """.formatted(SCHEMAS));
        assertSameLines(specLines(CONSTRAINTS), actual);
    }

    @Test
    void every_index_is_as_specified_with_its_columns_and_predicate() {
        List<String> actual = session.strings("""
                SELECT n.nspname || '.' || t.relname || ' ' || ix.relname || ' '
                       || CASE WHEN i.indisunique THEN 'unique ' ELSE '' END
                       || regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '')
                  FROM pg_index i
                  JOIN pg_class ix ON ix.oid = i.indexrelid
                  JOIN pg_class t ON t.oid = i.indrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace
                 WHERE n.nspname IN %s AND NOT t.relispartition
                """.formatted(SCHEMAS));
        assertSameLines(specLines(INDEXES), actual);
    }

    @Test
    void the_triggers_are_as_specified() {
        List<String> actual = session.strings("""
                SELECT n.nspname || '.' || t.relname || ' ' || g.tgname || ' '
                       || regexp_replace(pg_get_triggerdef(g.oid), '^CREATE TRIGGER \\S+ (.*) ON \\S+ (.*)$', '\\1 \\2')
                  FROM pg_trigger g
                  JOIN pg_class t ON t.oid = g.tgrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace
                 WHERE NOT g.tgisinternal AND g.tgenabled = 'O' AND n.nspname IN %s AND NOT t.relispartition
                """.formatted(SCHEMAS));
        assertSameLines(specLines(TRIGGERS), actual);
    }

    @Test
    void the_partitioned_tables_are_as_specified() {
        List<String> actual = session.strings("""
                SELECT p.partrelid::regclass::text || ' ' || pg_get_partkeydef(p.partrelid) || ' default '
                       || coalesce(p.partdefid::regclass::text, 'none')
                  FROM pg_partitioned_table p
                  JOIN pg_class c ON c.oid = p.partrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN %s
                """.formatted(SCHEMAS));
        assertEquals(PARTITIONING.lines().map(line -> String.join(" ", line.trim().split("\\s+"))).sorted().toList(),
                actual.stream().sorted().toList());
    }

    /**
     * Every partition carries everything of its table: a partitioned index is valid only once each partition
     * has its own index attached, and every CHECK and foreign key is on every partition under the same name.
     * Its range partitions cover whole UTC days, today and three days ahead, right after the migration.
     */
    @Test
    void every_partition_carries_the_indexes_and_constraints_of_its_table() {
        assertEquals(List.of(), session.strings("""
                SELECT ix.relname FROM pg_index i JOIN pg_class ix ON ix.oid = i.indexrelid
                 WHERE ix.relkind = 'I' AND ix.relnamespace = 'tracing'::regnamespace AND NOT i.indisvalid
                """), "partitioned indexes missing on a partition");
        assertEquals(List.of(), session.strings("""
                SELECT c.relname || ' lacks ' || k.conname
                  FROM pg_inherits h
                  JOIN pg_class c ON c.oid = h.inhrelid
                  JOIN pg_constraint k ON k.conrelid = h.inhparent AND k.contype IN ('c', 'f')
                 WHERE h.inhparent IN ('tracing.agent_traces'::regclass, 'tracing.api_requests'::regclass)
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint own WHERE own.conrelid = c.oid AND own.conname = k.conname)
                """), "constraints missing on a partition");
        List<String> days = session.strings("""
                SELECT c.relname || ' ' || to_char(lower_bound AT TIME ZONE 'UTC', 'YYYYMMDD HH24:MI:SS') || ' +'
                       || (upper_bound - lower_bound)::text
                  FROM pg_inherits h
                  JOIN pg_class c ON c.oid = h.inhrelid
                 CROSS JOIN LATERAL (SELECT pg_get_expr(c.relpartbound, c.oid) AS bound) b
                 CROSS JOIN LATERAL (SELECT (regexp_match(b.bound, 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz AS lower_bound,
                                            (regexp_match(b.bound, 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS upper_bound) r
                 WHERE h.inhparent = 'tracing.agent_traces'::regclass AND c.relname <> 'agent_traces_default'
                """);
        assertEquals(4, days.size(), days::toString);
        assertTrue(days.stream().allMatch(line -> line.matches("agent_traces_p(\\d{8}) \\1 00:00:00 \\+1 day")), days::toString);
    }

    @Test
    void every_timestamp_is_a_timestamptz() {
        List<String> wrong = session.strings("""
                SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type
                  FROM information_schema.columns
                 WHERE table_schema IN %s
                   AND (data_type IN ('timestamp without time zone', 'date', 'time without time zone', 'time with time zone')
                        OR (column_name ~ '(_at|^at)$' AND data_type <> 'timestamp with time zone'))
                """.formatted(SCHEMAS));
        assertEquals(List.of(), wrong);
    }

    /**
     * A partitioned table's primary key must contain its partition key, so those of {@code agent_traces} and
     * {@code api_requests} are {@code (id, created_at)}: still a uuid named id first ({@code agent_trace_ids}
     * keeps span ids unique across partitions).
     */
    @Test
    void every_primary_key_is_a_uuid_named_id_and_every_reference_is_a_uuid() {
        List<String> primaryKeys = session.strings("""
                SELECT t.relname || ' ' || string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY key.ord)
                  FROM pg_constraint k
                  JOIN pg_class t ON t.oid = k.conrelid
                  CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS key(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = key.attnum
                 WHERE k.contype = 'p' AND k.connamespace::regnamespace::text IN %s AND NOT t.relispartition
                 GROUP BY t.relname, k.oid, t.relkind
                """.formatted(SCHEMAS));
        assertEquals(11, primaryKeys.size(), primaryKeys::toString);
        assertTrue(primaryKeys.stream().allMatch(line -> line.endsWith(" id uuid")
                        || line.matches("(agent_traces|api_requests) id uuid, created_at timestamp with time zone")),
                primaryKeys::toString);

        List<String> idColumnsThatAreNotUuid = session.strings("""
                SELECT table_schema || '.' || table_name || '.' || column_name
                  FROM information_schema.columns
                 WHERE table_schema IN %s AND (column_name = 'id' OR column_name LIKE '%%\\_id') AND data_type <> 'uuid'
                """.formatted(SCHEMAS));
        assertEquals(TEXT_IDS.keySet(), Set.copyOf(idColumnsThatAreNotUuid));
    }

    @Test
    void ticket_numbers_come_from_a_sequence_starting_at_1000() {
        assertEquals(1000L, session.count("SELECT start_value FROM pg_sequences WHERE schemaname = 'ticketing' AND sequencename = 'ticket_number_seq'"));
        assertEquals("nextval('ticketing.ticket_number_seq'::regclass)", session.value("""
                SELECT column_default FROM information_schema.columns
                 WHERE table_schema = 'ticketing' AND table_name = 'tickets' AND column_name = 'number'
                """));
    }

    /** "conversation.users\n  id  uuid  not null" → "conversation.users id uuid not null": one line per item, qualified by its table. */
    private static List<String> specLines(String spec) {
        List<String> lines = new ArrayList<>();
        String table = null;
        for (String line : spec.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ")) {
                table = line.trim();
            } else {
                lines.add(table + " " + String.join(" ", Arrays.asList(line.trim().split("\\s+"))));
            }
        }
        return lines;
    }

    private static void assertSameLines(List<String> expected, List<String> actual) {
        List<String> normalisedActual = actual.stream().map(line -> String.join(" ", line.trim().split("\\s+"))).sorted().toList();
        assertEquals(String.join("\n", expected.stream().sorted().toList()), String.join("\n", normalisedActual));
    }
}
