-- The support desk (capabilities C5, C7, C8): support chats (tickets), the live queue, agents'
-- routing settings, schedules, message visibility and attachments. Same dialect rules as V1.

-- A staff-only message (internal note) has visibility 'staff'; customers never receive, list or
-- count it. Deleted messages keep their row (seq stays gap-free) and lose their text on the wire.
ALTER TABLE messages ADD COLUMN visibility VARCHAR(16) DEFAULT 'all' NOT NULL;
ALTER TABLE messages ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;

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
    CONSTRAINT queue_entries_pk PRIMARY KEY (id),
    CONSTRAINT queue_entries_conversation_fk
        FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT queue_entries_customer_fk FOREIGN KEY (customer_id) REFERENCES users (id)
);
CREATE INDEX queue_entries_state_idx ON queue_entries (state, enqueued_at);
CREATE INDEX queue_entries_conversation_idx ON queue_entries (conversation_id);

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
