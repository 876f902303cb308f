-- The conversation module's schema: users, conversations, append-only messages, feedback, knowledge base.
CREATE SCHEMA IF NOT EXISTS conversation;

-- A person known from a JWT. Guests have no row: their conversation is reached through its session_id.
CREATE TABLE conversation.users (
    id               uuid        PRIMARY KEY,
    external_id      text        NOT NULL,
    email            text,
    name             text,
    is_authenticated boolean     NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_external_id_key UNIQUE (external_id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_external_id_length CHECK (char_length(external_id) BETWEEN 1 AND 255),
    CONSTRAINT users_email_length CHECK (email IS NULL OR char_length(email) BETWEEN 3 AND 320),
    CONSTRAINT users_name_length CHECK (name IS NULL OR char_length(name) <= 200)
);

CREATE TABLE conversation.conversations (
    id         uuid        PRIMARY KEY,
    -- erasing a user erases their conversations (and, by cascade, all that hangs off them)
    user_id    uuid        REFERENCES conversation.users (id) ON DELETE CASCADE,
    session_id text        NOT NULL,
    channel    text        NOT NULL DEFAULT 'web',
    locale     text,
    status     text        NOT NULL DEFAULT 'open',
    summary    text,
    metadata   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    last_seq   bigint      NOT NULL DEFAULT 0,
    started_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    ended_at   timestamptz,
    CONSTRAINT conversations_session_id_key UNIQUE (session_id),
    CONSTRAINT conversations_session_id_length CHECK (char_length(session_id) BETWEEN 22 AND 128),
    CONSTRAINT conversations_channel_check CHECK (channel IN ('web', 'mobile', 'email', 'api')),
    CONSTRAINT conversations_locale_check CHECK (locale IS NULL OR locale ~ '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$'),
    CONSTRAINT conversations_status_check CHECK (status IN ('open', 'closed')),
    CONSTRAINT conversations_summary_length CHECK (summary IS NULL OR char_length(summary) <= 100),
    CONSTRAINT conversations_metadata_object CHECK (jsonb_typeof(metadata) = 'object'),
    CONSTRAINT conversations_last_seq_range CHECK (last_seq >= 0),
    CONSTRAINT conversations_ended_when_closed CHECK ((status = 'closed') = (ended_at IS NOT NULL)),
    CONSTRAINT conversations_time_order CHECK (updated_at >= started_at AND (ended_at IS NULL OR ended_at >= started_at))
);
-- "my conversations, newest updated first", with and without the status filter (keyset on updated_at, id)
CREATE INDEX conversations_user_updated_idx ON conversation.conversations (user_id, updated_at DESC, id DESC);
CREATE INDEX conversations_user_status_updated_idx ON conversation.conversations (user_id, status, updated_at DESC, id DESC);
-- retention: closed conversations by end time, open ones by idleness
CREATE INDEX conversations_closed_ended_idx ON conversation.conversations (ended_at, id) WHERE status = 'closed';
CREATE INDEX conversations_open_updated_idx ON conversation.conversations (updated_at, id) WHERE status = 'open';

CREATE TABLE conversation.messages (
    id              uuid             PRIMARY KEY,
    -- messages live and die with their conversation (erasure, retention)
    conversation_id uuid             NOT NULL REFERENCES conversation.conversations (id) ON DELETE CASCADE,
    seq             bigint           NOT NULL,
    role            text             NOT NULL,
    content         text             NOT NULL,
    intent          text,
    confidence      double precision,
    metadata        jsonb            NOT NULL DEFAULT '{}'::jsonb,
    redactions      integer          NOT NULL DEFAULT 0,
    idempotency_key text,
    created_at      timestamptz      NOT NULL DEFAULT now(),
    -- the key of a message is its place in the conversation, never a timestamp; also the history index
    CONSTRAINT messages_conversation_seq_key UNIQUE (conversation_id, seq),
    CONSTRAINT messages_conversation_idempotency_key UNIQUE (conversation_id, idempotency_key),
    CONSTRAINT messages_seq_range CHECK (seq >= 1),
    CONSTRAINT messages_role_check CHECK (role IN ('user', 'assistant', 'system')),
    CONSTRAINT messages_content_length CHECK (char_length(content) BETWEEN 1 AND 65536),
    CONSTRAINT messages_intent_length CHECK (intent IS NULL OR char_length(intent) BETWEEN 1 AND 100),
    CONSTRAINT messages_confidence_range CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    CONSTRAINT messages_metadata_object CHECK (jsonb_typeof(metadata) = 'object'),
    CONSTRAINT messages_redactions_range CHECK (redactions >= 0),
    CONSTRAINT messages_idempotency_key_format CHECK (idempotency_key IS NULL OR idempotency_key ~ '^[\x21-\x7e]{1,128}$')
);

-- Messages are append-only: no UPDATE, ever. (DELETE only happens with the whole conversation.)
CREATE FUNCTION conversation.reject_message_update() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'conversation.messages is append-only: UPDATE is not allowed'
        USING ERRCODE = 'object_not_in_prerequisite_state';
END;
$$;
CREATE TRIGGER messages_append_only
    BEFORE UPDATE ON conversation.messages
    FOR EACH ROW EXECUTE FUNCTION conversation.reject_message_update();

CREATE TABLE conversation.feedback (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversation.conversations (id) ON DELETE CASCADE,
    rating          smallint    NOT NULL,
    comment         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feedback_conversation_id_key UNIQUE (conversation_id),
    CONSTRAINT feedback_rating_range CHECK (rating BETWEEN 0 AND 5),
    CONSTRAINT feedback_comment_length CHECK (comment IS NULL OR char_length(comment) <= 2000)
);
-- feedback statistics over a time window
CREATE INDEX feedback_updated_idx ON conversation.feedback (updated_at);

CREATE TABLE conversation.knowledge_documents (
    id            uuid        PRIMARY KEY,
    title         text        NOT NULL,
    content       text        NOT NULL,
    source_url    text,
    tags          text[]      NOT NULL DEFAULT '{}',
    metadata      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    language      regconfig   NOT NULL DEFAULT 'english',
    search_vector tsvector    GENERATED ALWAYS AS (
                      setweight(to_tsvector(language, title), 'A') || setweight(to_tsvector(language, content), 'B')
                  ) STORED,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT knowledge_documents_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT knowledge_documents_content_length CHECK (char_length(content) BETWEEN 1 AND 100000),
    CONSTRAINT knowledge_documents_source_url_length CHECK (source_url IS NULL OR char_length(source_url) <= 2048),
    CONSTRAINT knowledge_documents_tags_count CHECK (cardinality(tags) <= 50),
    CONSTRAINT knowledge_documents_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX knowledge_documents_search_idx ON conversation.knowledge_documents USING gin (search_vector);
-- admin listing, newest first
CREATE INDEX knowledge_documents_created_idx ON conversation.knowledge_documents (created_at DESC, id DESC);
