-- The schema of V1 to V7 in one script, for a new database only (a Flyway baseline migration: an
-- empty database runs this instead of V1..V7; a database that has any V migration applied ignores
-- it and migrates exactly as before). Each table is created as the versioned migrations leave it:
-- the same columns in the same order, constraints, indexes and the journal's row, without the
-- ALTERs in between, each of which made H2 copy a table (docs/performance.md, step 12).
-- MigrationBaselineTest and MigrationBaselinePostgresIT compare both ways on H2 and PostgreSQL.
-- Frozen: later changes go into new V scripts (V8 and up), never here. Same dialect rules as V1.

CREATE TABLE users (
    id           VARCHAR(128) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    email        VARCHAR(320),
    -- lower-cased e-mail, kept by the application because H2 has no expression indexes
    email_key    VARCHAR(320),
    status       VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT users_pk PRIMARY KEY (id)
);
CREATE INDEX users_email_key_idx ON users (email_key);
CREATE INDEX users_role_id_idx ON users (role, id);

-- Credentials of built-in accounts only, so that e-mail uniqueness binds built-in accounts and not
-- visitors or host-application users, who may share an address with anyone.
CREATE TABLE local_credentials (
    user_id       VARCHAR(128) NOT NULL,
    email_key     VARCHAR(320) NOT NULL,
    password_hash VARCHAR(1024) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT local_credentials_pk PRIMARY KEY (user_id),
    CONSTRAINT local_credentials_email_key_uq UNIQUE (email_key),
    CONSTRAINT local_credentials_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE conversations (
    id         VARCHAR(128) NOT NULL,
    type       VARCHAR(32)  NOT NULL,
    -- type plus the sorted pair of participants of a direct conversation; unique, so that racing
    -- get-or-create calls end up in one conversation
    pair_key   VARCHAR(400),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- seq of the latest message; incrementing it under the row lock serializes sends per conversation
    last_seq   BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT conversations_pk PRIMARY KEY (id),
    CONSTRAINT conversations_pair_key_uq UNIQUE (pair_key)
);

CREATE TABLE conversation_participants (
    conversation_id VARCHAR(128) NOT NULL,
    user_id         VARCHAR(128) NOT NULL,
    last_read_seq   BIGINT NOT NULL DEFAULT 0,
    read_at         TIMESTAMP WITH TIME ZONE,
    joined_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conversation_participants_pk PRIMARY KEY (conversation_id, user_id),
    CONSTRAINT conversation_participants_conversation_fk
        FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT conversation_participants_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX conversation_participants_user_idx ON conversation_participants (user_id, conversation_id);

CREATE TABLE messages (
    id              VARCHAR(128) NOT NULL,
    conversation_id VARCHAR(128) NOT NULL,
    seq             BIGINT NOT NULL,
    sender_id       VARCHAR(128) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    text            VARCHAR      NOT NULL,
    client_key      VARCHAR(128),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_at       TIMESTAMP WITH TIME ZONE,
    -- V2: 'staff' for internal notes; deleted messages keep their row and lose their text on the wire
    visibility      VARCHAR(16) DEFAULT 'all' NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE,
    -- V3: the order every read uses; the id unique for lookups; the client key makes retries idempotent
    CONSTRAINT messages_client_key_uq UNIQUE (conversation_id, sender_id, client_key),
    CONSTRAINT messages_pk PRIMARY KEY (conversation_id, seq),
    CONSTRAINT messages_id_uq UNIQUE (id)
);

-- One row per support conversation (conversations.type = 'customer_support', pair_key NULL): the
-- ticket. A customer has at most one chat that is not closed; queueing again continues it.
CREATE TABLE support_chats (
    conversation_id    VARCHAR(128) NOT NULL,
    customer_id        VARCHAR(128) NOT NULL,
    assignee_id        VARCHAR(128),
    department         VARCHAR(64)  NOT NULL DEFAULT '',
    subject            VARCHAR(300) NOT NULL,
    priority           VARCHAR(16)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    -- what the pre-chat form collected (name, e-mail, topic, fields), JSON
    details            VARCHAR(20000) NOT NULL DEFAULT '{}',
    -- seed 003 per-side unread counters, moved in the transaction that stores or reads messages
    unread_by_staff    BIGINT NOT NULL DEFAULT 0,
    unread_by_customer BIGINT NOT NULL DEFAULT 0,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    first_response_at  TIMESTAMP WITH TIME ZONE,
    resolved_at        TIMESTAMP WITH TIME ZONE,
    closed_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT support_chats_pk PRIMARY KEY (conversation_id),
    CONSTRAINT support_chats_conversation_fk
        FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT support_chats_customer_fk FOREIGN KEY (customer_id) REFERENCES users (id),
    CONSTRAINT support_chats_assignee_fk FOREIGN KEY (assignee_id) REFERENCES users (id)
);
CREATE INDEX support_chats_customer_idx ON support_chats (customer_id, created_at);
CREATE INDEX support_chats_status_idx ON support_chats (status, updated_at);
CREATE INDEX support_chats_assignee_idx ON support_chats (assignee_id, status);
CREATE INDEX support_chats_created_idx ON support_chats (created_at);

-- Files attached to messages; the bytes live behind an AttachmentStorage (local disk by default).
-- message_id is NULL between upload and the message that uses it.
CREATE TABLE attachments (
    id              VARCHAR(128) NOT NULL,
    conversation_id VARCHAR(128) NOT NULL,
    message_id      VARCHAR(128),
    uploader_id     VARCHAR(128) NOT NULL,
    file_name       VARCHAR(255) NOT NULL,
    content_type    VARCHAR(255) NOT NULL,
    size_bytes      BIGINT NOT NULL,
    storage_key     VARCHAR(512) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT attachments_pk PRIMARY KEY (id),
    CONSTRAINT attachments_conversation_fk
        FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT attachments_uploader_fk FOREIGN KEY (uploader_id) REFERENCES users (id)
);
CREATE INDEX attachments_message_idx ON attachments (message_id);
CREATE INDEX attachments_conversation_idx ON attachments (conversation_id, created_at);

-- Queue sessions of the routing engine (routing.QueueEntry), so the queue and assignments survive
-- a restart. Active states: waiting, offered, assigned; final: left, timed_out, ended.
CREATE TABLE queue_entries (
    id              VARCHAR(128) NOT NULL,
    conversation_id VARCHAR(128) NOT NULL,
    customer_id     VARCHAR(128) NOT NULL,
    department      VARCHAR(64)  NOT NULL DEFAULT '',
    details         VARCHAR(20000) NOT NULL DEFAULT '{}',
    state           VARCHAR(16)  NOT NULL,
    agent_id        VARCHAR(128),
    -- every agent who held the chat, in order, JSON array of user ids
    held_by         VARCHAR(20000) NOT NULL DEFAULT '[]',
    enqueued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    assigned_at     TIMESTAMP WITH TIME ZONE,
    ended_at        TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- V5: the place in the queue, since when it waits this time, routed automatically even when agents pick
    queue_order     BIGINT DEFAULT 0 NOT NULL,
    waiting_since   TIMESTAMP WITH TIME ZONE,
    auto_route      BOOLEAN DEFAULT FALSE NOT NULL,
    CONSTRAINT queue_entries_pk PRIMARY KEY (id),
    CONSTRAINT queue_entries_customer_fk FOREIGN KEY (customer_id) REFERENCES users (id)
);
CREATE INDEX queue_entries_state_idx ON queue_entries (state, enqueued_at);
CREATE INDEX queue_entries_conversation_idx ON queue_entries (conversation_id);
-- after its index, as H2 has it once V5 rebuilt the table: the key then uses that index, not one of its own
ALTER TABLE queue_entries ADD CONSTRAINT queue_entries_conversation_fk
    FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE;
CREATE INDEX queue_entries_customer_idx ON queue_entries (customer_id, state);

-- Agents' routing settings; availability is what they chose last (restored as offline until they
-- connect again).
CREATE TABLE agent_profiles (
    user_id      VARCHAR(128) NOT NULL,
    availability VARCHAR(16)  NOT NULL,
    max_chats    INTEGER      NOT NULL,
    -- JSON array of department ids; empty serves all
    departments  VARCHAR(4000) NOT NULL DEFAULT '[]',
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT agent_profiles_pk PRIMARY KEY (user_id),
    CONSTRAINT agent_profiles_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- Technician schedules (C8): shifts as UTC ranges, per agent.
CREATE TABLE schedule_shifts (
    id         VARCHAR(128) NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    starts_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    note       VARCHAR(500) NOT NULL DEFAULT '',
    updated_by VARCHAR(128) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT schedule_shifts_pk PRIMARY KEY (id),
    CONSTRAINT schedule_shifts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX schedule_shifts_user_idx ON schedule_shifts (user_id, starts_at);
CREATE INDEX schedule_shifts_range_idx ON schedule_shifts (starts_at, ends_at);

CREATE TABLE refresh_tokens (
    id         VARCHAR(64)  NOT NULL,
    family_id  VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    revoked_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT refresh_tokens_pk PRIMARY KEY (id),
    CONSTRAINT refresh_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

CREATE TABLE message_journal (
    id               INT    NOT NULL,
    applied_position BIGINT NOT NULL,
    CONSTRAINT message_journal_pk PRIMARY KEY (id)
);
INSERT INTO message_journal (id, applied_position) VALUES (1, 0);
