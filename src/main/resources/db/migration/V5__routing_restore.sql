-- What the routing engine needs to restore its queue exactly after a restart (routing.RoutingStore):
-- the place of each entry in the queue (entries put back in front get smaller, even negative,
-- numbers, so enqueued_at alone cannot say it), since when it waits this time (queue timeout), and
-- whether it is routed automatically even when agents pick by hand (seed 002 callAgent).
ALTER TABLE queue_entries ADD COLUMN queue_order BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE queue_entries ADD COLUMN waiting_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE queue_entries ADD COLUMN auto_route BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX queue_entries_customer_idx ON queue_entries (customer_id, state);
