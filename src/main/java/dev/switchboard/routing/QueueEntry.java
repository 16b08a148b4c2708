package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one queue session of a customer, immutable, safe to hand to any thread.
 *
 * @param agent the agent it is offered to or assigned to; for a final entry the last agent who
 *     held it; null when nobody has it
 * @param offerDeadline when the pending offer lapses; null unless {@link EntryState#OFFERED}
 * @param assignedAt when the current agent got it; null unless it was assigned
 * @param heldBy every agent who was assigned this chat, in order (transfers add to it)
 * @param declinedBy every agent who declined it, in order (rejected it, let an offer lapse, or passed it on
 *     with nobody to take it): it is never offered to them again
 * @param waitingSince since when it waits this time (joining, or being put back), for the queue timeout
 * @param queueOrder its place among all entries: smaller is served first (only the order matters;
 *     entries put back in front get smaller numbers, negative ones too)
 * @param autoRoute routed automatically even when the desk picks by hand (seed 002 {@code callAgent})
 */
public record QueueEntry(QueueEntryId id, UserId customer, CustomerDetails details, Department department,
        Instant enqueuedAt, EntryState state, UserId agent, Instant offerDeadline, Instant assignedAt,
        List<UserId> heldBy, List<UserId> declinedBy, Instant waitingSince, long queueOrder, boolean autoRoute) {

    public QueueEntry {
        heldBy = List.copyOf(heldBy);
        declinedBy = List.copyOf(declinedBy);
    }

    public Optional<Offer> offer() {
        return state == EntryState.OFFERED ? Optional.of(new Offer(id, agent, offerDeadline)) : Optional.empty();
    }

    public Optional<Assignment> assignment() {
        return state == EntryState.ASSIGNED ? Optional.of(new Assignment(id, agent, assignedAt)) : Optional.empty();
    }
}
