-- The tracing module's schema: agent trace spans and the API request log.
CREATE SCHEMA IF NOT EXISTS tracing;

CREATE TABLE tracing.agent_traces (
    id              uuid          PRIMARY KEY,  -- client supplied, so re-ingestion is idempotent
    trace_id        uuid          NOT NULL,
    parent_id       uuid,                       -- no FK: a span may arrive before its parent
    -- traces are part of the conversation: erased with it
    conversation_id uuid          NOT NULL REFERENCES conversation.conversations (id) ON DELETE CASCADE,
    message_id      uuid          REFERENCES conversation.messages (id) ON DELETE CASCADE,
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
);
CREATE INDEX agent_traces_message_idx ON tracing.agent_traces (message_id, started_at) WHERE message_id IS NOT NULL;
CREATE INDEX agent_traces_conversation_idx ON tracing.agent_traces (conversation_id, started_at);
CREATE INDEX agent_traces_trace_idx ON tracing.agent_traces (trace_id);
-- retention of traces older than N days
CREATE INDEX agent_traces_created_idx ON tracing.agent_traces (created_at);

CREATE TABLE tracing.api_requests (
    id          uuid             PRIMARY KEY,
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
);
CREATE INDEX api_requests_created_idx ON tracing.api_requests (created_at);
CREATE INDEX api_requests_endpoint_created_idx ON tracing.api_requests (endpoint, created_at);
