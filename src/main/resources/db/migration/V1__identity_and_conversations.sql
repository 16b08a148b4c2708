-- Users, conversations and messages (capabilities C2, C3).
-- One dialect for PostgreSQL 15 and H2 in PostgreSQL mode: no partial or expression indexes, no
-- ON CONFLICT, no RETURNING. Times are UTC instants; ids are strings.

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
    CONSTRAINT messages_pk PRIMARY KEY (id),
    CONSTRAINT messages_conversation_seq_uq UNIQUE (conversation_id, seq),
    CONSTRAINT messages_client_key_uq UNIQUE (conversation_id, sender_id, client_key),
    CONSTRAINT messages_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT messages_sender_fk FOREIGN KEY (sender_id) REFERENCES users (id)
);
CREATE INDEX messages_sender_idx ON messages (sender_id);
