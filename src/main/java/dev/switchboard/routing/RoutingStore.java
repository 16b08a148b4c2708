package dev.switchboard.routing;

import dev.switchboard.conversation.ConversationId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Durable home of the routing state (port; the adapter lives in {@code jdbc}): queue entries with
 * the support chat each belongs to, and agents' profiles, so that the queue and the assignments
 * survive a restart. Methods block on I/O; failures are
 * {@link dev.switchboard.common.SwitchboardException}s.
 */
public interface RoutingStore {

    /**
     * Writes the entries (inserted, or updated by id) and the agents' profiles (by agent) in one
     * transaction: all of them or none. Committed when this returns, and durable after {@link #sync}
     * (at once where every commit is durable).
     */
    void save(Collection<StoredEntry> entries, Collection<AgentProfile> agents, Instant at);

    /**
     * Makes everything saved so far durable. The routing service calls it after releasing its lock, so
     * that changes saved one after another under the lock share one write to disk.
     */
    default void sync() {}

    /** Entries that are waiting, offered or assigned, in queue order. */
    List<StoredEntry> activeEntries();

    /** Every agent profile, each with the agent's current name. */
    List<AgentProfile> agentProfiles();

    /** One entry, final ones included. */
    Optional<StoredEntry> find(QueueEntryId id);

    /** A queue entry and the support chat (conversation) it is a session of. */
    record StoredEntry(QueueEntry entry, ConversationId conversation) {
        public StoredEntry {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(conversation, "conversation");
        }
    }
}
