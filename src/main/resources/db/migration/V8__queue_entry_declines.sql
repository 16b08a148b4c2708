-- The agents who declined a queue entry (rejected its offer or gave the chat back, let an offer lapse,
-- or passed it on with nobody to take it), JSON array of user ids in order: routing never offers the
-- entry to them again, and after a restart it still knows who they are (routing.RoutingStore). Every
-- agent of a large desk may let one customer's offer lapse, so the column takes ~25,000 ids.
ALTER TABLE queue_entries ADD COLUMN declined_by VARCHAR(1000000) DEFAULT '[]' NOT NULL;
