-- Issue 18: agent trace spans and the API request log, the fastest-growing tables, become declarative
-- RANGE partitions by created_at (the column retention goes by), one partition per UTC day, so that
-- retention drops whole days instead of deleting rows. The service creates partitions ahead (tracing
-- adapter.in.scheduling); a DEFAULT partition takes any row no partition covers, so an insert never fails.
--
-- Span ids: a partitioned table can only have unique keys that contain the partition key, so
-- PRIMARY KEY (id, created_at) no longer says "one stored span per id". tracing.agent_trace_ids holds
-- the id of every span the service stored; the insert claims ids there (ON CONFLICT (id) DO NOTHING,
-- exactly the old primary key's behaviour, concurrent duplicates included) and stores only the spans whose
-- id it claimed. Deleted spans give their ids back: the trigger below for DELETE (conversation erasure
-- cascades, retention's row deletes), retention itself when it drops a partition.
--
-- The existing rows move in this migration (one transaction): daily partitions for the last 31 days that
-- hold rows, through today + 3; older rows go to one "history" partition (MINVALUE to the first day) that
-- retention drops whole once its upper bound is past the cutoff.

CREATE TABLE tracing.agent_trace_ids (
    id uuid PRIMARY KEY  -- the id of a stored span
);

CREATE TABLE tracing.agent_traces_partitioned (
    id              uuid          NOT NULL,   -- client supplied; unique through tracing.agent_trace_ids
    trace_id        uuid          NOT NULL,
    parent_id       uuid,                     -- no FK: a span may arrive before its parent
    conversation_id uuid          NOT NULL,
    message_id      uuid,
    agent_type      text          NOT NULL,
    operation_type  text          NOT NULL,
    name            text          NOT NULL,
    status          text          NOT NULL,
    started_at      timestamptz   NOT NULL,
    ended_at        timestamptz,
    duration_ms     double precision GENERATED ALWAYS AS (EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000) STORED,
    input_tokens    integer,
    output_tokens   integer,
    cost_usd        numeric(14, 6),
    model           text,
    payload         jsonb,
    error           text,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT agent_traces_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
    CONSTRAINT agent_traces_agent_type_length CHECK (char_length(agent_type) BETWEEN 1 AND 100),
    CONSTRAINT agent_traces_operation_type_check CHECK (operation_type IN ('llm_call', 'tool_call', 'retrieval',
                                                                          'guardrail', 'handoff_decision', 'other')),
    CONSTRAINT agent_traces_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT agent_traces_status_check CHECK (status IN ('ok', 'error')),
    CONSTRAINT agent_traces_time_order CHECK (ended_at IS NULL OR ended_at >= started_at),
    CONSTRAINT agent_traces_input_tokens_range CHECK (input_tokens IS NULL OR input_tokens >= 0),
    CONSTRAINT agent_traces_output_tokens_range CHECK (output_tokens IS NULL OR output_tokens >= 0),
    CONSTRAINT agent_traces_cost_range CHECK (cost_usd IS NULL OR cost_usd >= 0),
    CONSTRAINT agent_traces_model_length CHECK (model IS NULL OR char_length(model) <= 200),
    CONSTRAINT agent_traces_payload_size CHECK (payload IS NULL OR octet_length(payload::text) <= 65536),
    CONSTRAINT agent_traces_error_length CHECK (error IS NULL OR char_length(error) <= 4000)
) PARTITION BY RANGE (created_at);

CREATE TABLE tracing.api_requests_partitioned (
    id          uuid             NOT NULL,
    endpoint    text             NOT NULL,   -- the route template, never the raw path or query
    method      text             NOT NULL,
    status_code smallint         NOT NULL,
    latency_ms  double precision NOT NULL,
    caller_kind text             NOT NULL,
    created_at  timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT api_requests_endpoint_length CHECK (char_length(endpoint) BETWEEN 1 AND 300),
    CONSTRAINT api_requests_method_check CHECK (method IN ('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE')),
    CONSTRAINT api_requests_status_code_range CHECK (status_code BETWEEN 100 AND 599),
    CONSTRAINT api_requests_latency_range CHECK (latency_ms >= 0),
    CONSTRAINT api_requests_caller_kind_check CHECK (caller_kind IN ('anonymous', 'guest', 'user', 'agent', 'admin', 'service'))
) PARTITION BY RANGE (created_at);

-- The partitions, named <table>_p<yyyyMMdd> by their first day as the service names them.
DO $$
DECLARE
    t         text;
    today     date := (now() AT TIME ZONE 'UTC')::date;
    oldest    timestamptz;
    first_day date;
    d         date;
BEGIN
    FOREACH t IN ARRAY ARRAY['agent_traces', 'api_requests'] LOOP
        EXECUTE format('SELECT min(created_at) FROM tracing.%I', t) INTO oldest;
        first_day := CASE WHEN oldest IS NULL THEN today
                          ELSE LEAST(today, GREATEST(today - 31, (oldest AT TIME ZONE 'UTC')::date)) END;
        EXECUTE format('CREATE TABLE tracing.%I PARTITION OF tracing.%I DEFAULT', t || '_default', t || '_partitioned');
        IF oldest < first_day::timestamp AT TIME ZONE 'UTC' THEN
            EXECUTE format('CREATE TABLE tracing.%I PARTITION OF tracing.%I FOR VALUES FROM (MINVALUE) TO (%L)',
                           t || '_history', t || '_partitioned', first_day || ' 00:00:00+00');
        END IF;
        d := first_day;
        WHILE d <= today + 3 LOOP
            EXECUTE format('CREATE TABLE tracing.%I PARTITION OF tracing.%I FOR VALUES FROM (%L) TO (%L)',
                           t || '_p' || to_char(d, 'YYYYMMDD'), t || '_partitioned', d || ' 00:00:00+00', (d + 1) || ' 00:00:00+00');
            d := d + 1;
        END LOOP;
    END LOOP;
END
$$;

-- Every row moves (the generated duration_ms is computed again, from the same columns).
INSERT INTO tracing.agent_traces_partitioned (id, trace_id, parent_id, conversation_id, message_id, agent_type, operation_type,
                                              name, status, started_at, ended_at, input_tokens, output_tokens, cost_usd,
                                              model, payload, error, created_at)
SELECT id, trace_id, parent_id, conversation_id, message_id, agent_type, operation_type,
       name, status, started_at, ended_at, input_tokens, output_tokens, cost_usd,
       model, payload, error, created_at
  FROM tracing.agent_traces;
INSERT INTO tracing.agent_trace_ids (id) SELECT id FROM tracing.agent_traces;
INSERT INTO tracing.api_requests_partitioned (id, endpoint, method, status_code, latency_ms, caller_kind, created_at)
SELECT id, endpoint, method, status_code, latency_ms, caller_kind, created_at
  FROM tracing.api_requests;

DROP TABLE tracing.agent_traces;
DROP TABLE tracing.api_requests;
ALTER TABLE tracing.agent_traces_partitioned RENAME TO agent_traces;
ALTER TABLE tracing.api_requests_partitioned RENAME TO api_requests;

-- Keys, references and indexes on the partitioned tables: every partition gets them (created now on the
-- moved rows, and by ATTACH PARTITION for every partition the service adds later).
ALTER TABLE tracing.agent_traces ADD CONSTRAINT agent_traces_pkey PRIMARY KEY (id, created_at);
-- traces are part of the conversation: erased with it
ALTER TABLE tracing.agent_traces ADD CONSTRAINT agent_traces_conversation_id_fkey
    FOREIGN KEY (conversation_id) REFERENCES conversation.conversations (id) ON DELETE CASCADE;
ALTER TABLE tracing.agent_traces ADD CONSTRAINT agent_traces_message_id_fkey
    FOREIGN KEY (message_id) REFERENCES conversation.messages (id) ON DELETE CASCADE;
CREATE INDEX agent_traces_message_idx ON tracing.agent_traces (message_id, started_at) WHERE message_id IS NOT NULL;
CREATE INDEX agent_traces_conversation_idx ON tracing.agent_traces (conversation_id, started_at);
CREATE INDEX agent_traces_trace_idx ON tracing.agent_traces (trace_id);
-- the straddling partition's trim and the exact counts of retention
CREATE INDEX agent_traces_created_idx ON tracing.agent_traces (created_at);

ALTER TABLE tracing.api_requests ADD CONSTRAINT api_requests_pkey PRIMARY KEY (id, created_at);
CREATE INDEX api_requests_created_idx ON tracing.api_requests (created_at);
-- statistics: index-only walks per endpoint (see V202611230930)
CREATE INDEX api_requests_endpoint_created_idx ON tracing.api_requests (endpoint, created_at)
    INCLUDE (method, status_code, latency_ms);

-- A deleted span gives its id back, whatever deleted it through the table (a conversation's erasure
-- cascades here). Statement level, over the transition table: one indexed delete per statement.
CREATE FUNCTION tracing.forget_span_ids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM tracing.agent_trace_ids WHERE id = ANY (ARRAY(SELECT id FROM gone));
    RETURN NULL;
END
$$;
CREATE TRIGGER agent_traces_forget_ids AFTER DELETE ON tracing.agent_traces
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION tracing.forget_span_ids();
