-- The ticketing module's schema: tickets, their history, and handoffs to helpdesks (a transactional outbox).
CREATE SCHEMA IF NOT EXISTS ticketing;

CREATE SEQUENCE ticketing.ticket_number_seq START WITH 1000;

CREATE TABLE ticketing.tickets (
    id                uuid        PRIMARY KEY,
    number            bigint      NOT NULL DEFAULT nextval('ticketing.ticket_number_seq'),
    -- a ticket outlives its conversation (support statistics stay right): erasure or retention
    -- sets this to NULL, and the trigger below anonymises the ticket in the same statement
    conversation_id   uuid        REFERENCES conversation.conversations (id) ON DELETE SET NULL,
    -- the people stay referenced only while they exist
    client_id         uuid        REFERENCES conversation.users (id) ON DELETE SET NULL,
    assignee_id       uuid        REFERENCES conversation.users (id) ON DELETE SET NULL,
    status            text        NOT NULL,
    priority          text        NOT NULL DEFAULT 'normal',
    priority_rank     smallint    GENERATED ALWAYS AS (
                          CASE priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END
                      ) STORED,
    description       text,
    escalation_reason text,
    initial_summary   text,
    metadata          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    version           bigint      NOT NULL DEFAULT 0,
    opened_at         timestamptz NOT NULL DEFAULT now(),
    assigned_at       timestamptz,
    closed_at         timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tickets_number_key UNIQUE (number),
    CONSTRAINT tickets_conversation_id_key UNIQUE (conversation_id),
    CONSTRAINT tickets_status_check CHECK (status IN ('OPEN_AI_HANDLING', 'PENDING_HUMAN_ASSIGNMENT',
                                                      'ACTIVE_HUMAN_CHAT', 'CLOSED_RESOLVED', 'CLOSED_BY_CLIENT')),
    CONSTRAINT tickets_priority_check CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    CONSTRAINT tickets_description_length CHECK (description IS NULL OR char_length(description) <= 5000),
    CONSTRAINT tickets_escalation_reason_length CHECK (escalation_reason IS NULL OR char_length(escalation_reason) <= 1000),
    CONSTRAINT tickets_initial_summary_length CHECK (initial_summary IS NULL OR char_length(initial_summary) <= 1000),
    CONSTRAINT tickets_metadata_object CHECK (jsonb_typeof(metadata) = 'object'),
    CONSTRAINT tickets_version_range CHECK (version >= 0),
    CONSTRAINT tickets_closed_iff_closed_at CHECK ((status IN ('CLOSED_RESOLVED', 'CLOSED_BY_CLIENT')) = (closed_at IS NOT NULL)),
    CONSTRAINT tickets_active_is_assigned CHECK (status <> 'ACTIVE_HUMAN_CHAT' OR assigned_at IS NOT NULL)
);
CREATE INDEX tickets_client_idx ON ticketing.tickets (client_id);
CREATE INDEX tickets_assignee_opened_idx ON ticketing.tickets (assignee_id, opened_at DESC, id DESC);
CREATE INDEX tickets_status_opened_idx ON ticketing.tickets (status, opened_at DESC, id DESC);
CREATE INDEX tickets_opened_idx ON ticketing.tickets (opened_at DESC, id DESC);
-- the agent queue: highest priority first, then oldest (claim uses FOR UPDATE SKIP LOCKED over this)
CREATE INDEX tickets_queue_idx ON ticketing.tickets (priority_rank DESC, opened_at, id)
    WHERE status = 'PENDING_HUMAN_ASSIGNMENT';

-- When the conversation goes, what the customer said goes too; the ticket's shape (status, times) stays.
CREATE FUNCTION ticketing.anonymise_orphaned_ticket() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.conversation_id IS NULL AND OLD.conversation_id IS NOT NULL THEN
        NEW.description := NULL;
        NEW.escalation_reason := NULL;
        NEW.initial_summary := NULL;
        NEW.metadata := '{}'::jsonb;
        UPDATE ticketing.ticket_events SET reason = NULL WHERE ticket_id = NEW.id AND reason IS NOT NULL;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER tickets_anonymise_orphaned
    BEFORE UPDATE OF conversation_id ON ticketing.tickets
    FOR EACH ROW EXECUTE FUNCTION ticketing.anonymise_orphaned_ticket();

CREATE TABLE ticketing.ticket_events (
    id          uuid        PRIMARY KEY,
    -- history is part of the ticket
    ticket_id   uuid        NOT NULL REFERENCES ticketing.tickets (id) ON DELETE CASCADE,
    from_status text,
    to_status   text        NOT NULL,
    actor       text        NOT NULL,
    reason      text,
    at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ticket_events_from_status_check CHECK (from_status IS NULL OR from_status IN ('OPEN_AI_HANDLING',
        'PENDING_HUMAN_ASSIGNMENT', 'ACTIVE_HUMAN_CHAT', 'CLOSED_RESOLVED', 'CLOSED_BY_CLIENT')),
    CONSTRAINT ticket_events_to_status_check CHECK (to_status IN ('OPEN_AI_HANDLING', 'PENDING_HUMAN_ASSIGNMENT',
        'ACTIVE_HUMAN_CHAT', 'CLOSED_RESOLVED', 'CLOSED_BY_CLIENT')),
    CONSTRAINT ticket_events_actor_length CHECK (char_length(actor) BETWEEN 1 AND 300),
    CONSTRAINT ticket_events_reason_length CHECK (reason IS NULL OR char_length(reason) <= 1000)
);
-- a ticket's history, oldest first
CREATE INDEX ticket_events_ticket_at_idx ON ticketing.ticket_events (ticket_id, at, id);

CREATE TABLE ticketing.handoffs (
    id                 uuid        PRIMARY KEY,
    ticket_id          uuid        NOT NULL REFERENCES ticketing.tickets (id) ON DELETE CASCADE,
    -- the handoff carries the conversation to a helpdesk: it goes when the conversation is erased
    conversation_id    uuid        NOT NULL REFERENCES conversation.conversations (id) ON DELETE CASCADE,
    provider           text        NOT NULL,
    status             text        NOT NULL DEFAULT 'pending',
    reason             text,
    external_ticket_id text,
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz,
    last_error         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT handoffs_ticket_id_key UNIQUE (ticket_id),
    CONSTRAINT handoffs_conversation_id_key UNIQUE (conversation_id),
    CONSTRAINT handoffs_provider_check CHECK (provider IN ('internal', 'zendesk', 'freshdesk', 'email')),
    CONSTRAINT handoffs_status_check CHECK (status IN ('pending', 'created', 'routed', 'resolved', 'failed')),
    CONSTRAINT handoffs_reason_length CHECK (reason IS NULL OR char_length(reason) <= 1000),
    CONSTRAINT handoffs_external_ticket_id_length CHECK (external_ticket_id IS NULL OR char_length(external_ticket_id) <= 255),
    CONSTRAINT handoffs_attempts_range CHECK (attempts >= 0),
    CONSTRAINT handoffs_last_error_length CHECK (last_error IS NULL OR char_length(last_error) <= 2000),
    CONSTRAINT handoffs_pending_is_scheduled CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
);
-- the outbox dispatcher: due pending handoffs, oldest due first
CREATE INDEX handoffs_due_idx ON ticketing.handoffs (next_attempt_at, id) WHERE status = 'pending';
