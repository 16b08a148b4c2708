-- Refresh tokens of built-in accounts (C2), so that they rotate: each may be used once, a second
-- use revokes its whole family (every token descended from the same sign-in), and sign-out revokes
-- the family. Only the token's random id is stored, never the token.
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
