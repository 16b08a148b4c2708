-- The embedded database's message journal (decision 0005): the position of the last journal record
-- whose message this database holds, moved in the same transaction that stores the messages. At
-- start-up, records after it are stored again. One row; unused on PostgreSQL, where every commit is
-- durable when it returns.
CREATE TABLE message_journal (
    id               INT    NOT NULL,
    applied_position BIGINT NOT NULL,
    CONSTRAINT message_journal_pk PRIMARY KEY (id)
);
INSERT INTO message_journal (id, applied_position) VALUES (1, 0);
