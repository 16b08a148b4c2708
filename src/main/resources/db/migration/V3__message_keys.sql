-- Messages are written far more often than anything else, and every index on them is paid on every
-- send (issue 3; docs/performance.md, step 2). Measured on H2 per stored message: the random UUID
-- primary key, the sender index and the two foreign keys cost more than the row itself.
--   * The primary key becomes (conversation_id, seq), the order every read uses (history, catch-up,
--     last message, unread counts); it replaces the unique (conversation_id, seq) constraint.
--   * The id stays unique, for lookups by id; new ids are time-ordered, so that index grows at its end.
--   * The sender index had no query; unread counts filter on the sender within a conversation.
--   * The foreign keys are dropped: a message is only ever inserted by the append path, in the
--     transaction that moved its conversation's last_seq (so the conversation exists), from a sender
--     who is a participant (conversation_participants keeps its foreign key to users); conversations
--     and users are never deleted.
--   * The client key's unique constraint stays: it is what makes a retried send idempotent.
ALTER TABLE messages DROP CONSTRAINT messages_conversation_fk;
ALTER TABLE messages DROP CONSTRAINT messages_sender_fk;
DROP INDEX messages_sender_idx;
ALTER TABLE messages DROP CONSTRAINT messages_pk;
ALTER TABLE messages DROP CONSTRAINT messages_conversation_seq_uq;
ALTER TABLE messages ADD CONSTRAINT messages_pk PRIMARY KEY (conversation_id, seq);
ALTER TABLE messages ADD CONSTRAINT messages_id_uq UNIQUE (id);
