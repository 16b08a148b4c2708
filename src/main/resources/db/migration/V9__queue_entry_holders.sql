-- The agents who held a queue entry, JSON array of user ids (routing.RoutingStore), widened as
-- declined_by was in V8: at 20,000 characters an entry held in turn by ~500 agents (transfers, lapsed
-- sessions over a long chat) could no longer be saved, and routing would answer UNAVAILABLE for it.
ALTER TABLE queue_entries ALTER COLUMN held_by SET DATA TYPE VARCHAR(1000000);
