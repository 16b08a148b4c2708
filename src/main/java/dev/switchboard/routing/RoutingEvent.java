package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What changed in the desk, in the order it happened, for the caller to store and announce. The
 * engine never does I/O; every operation returns the events it caused, the queue, position and
 * count events last (they describe the state after the operation).
 */
public sealed interface RoutingEvent {

    /** The waiting customers of a department, in order, as agents should now see them. */
    record QueueChanged(Department department, List<QueueEntry> queue) implements RoutingEvent {
        public QueueChanged {
            queue = List.copyOf(queue);
        }
    }

    /** A waiting customer's place or estimate changed. */
    record PositionChanged(QueueEntryId entry, UserId customer, int position, Duration estimatedWait)
            implements RoutingEvent {}

    /** A customer was offered to an agent, who must accept before the deadline. */
    record Offered(QueueEntry entry, UserId agent, Instant deadline) implements RoutingEvent {}

    /** An offer ended without the agent accepting; the customer is waiting again. */
    record OfferWithdrawn(QueueEntry entry, UserId agent, ReleaseReason reason) implements RoutingEvent {}

    /** An agent now serves the customer (manual pick, accepted offer, or direct assignment). */
    record Assigned(QueueEntry entry, UserId agent) implements RoutingEvent {}

    /** An agent lost a chat they were serving; the customer is back in the queue (at the front). */
    record Unassigned(QueueEntry entry, UserId agent, ReleaseReason reason) implements RoutingEvent {}

    /** A chat moved from one agent to another; all three parties should hear of it. */
    record Transferred(QueueEntry entry, UserId from, UserId to) implements RoutingEvent {}

    /** A served chat was closed by the customer or the agent ({@code by}); both sides should hear of it. */
    record Ended(QueueEntry entry, UserId by) implements RoutingEvent {}

    /** A customer left the queue before being served. */
    record Left(QueueEntry entry) implements RoutingEvent {}

    /** A customer waited longer than the configured maximum and was taken out of the queue. */
    record TimedOut(QueueEntry entry) implements RoutingEvent {}

    /** Nobody can take this customer now; they keep waiting (tell them, offer to leave a message). */
    record NoAgentAvailable(QueueEntry entry) implements RoutingEvent {}

    /** An agent's availability changed (by themselves, or offline after their last connection). */
    record AgentAvailabilityChanged(Agent agent, Availability previous) implements RoutingEvent {}

    /** An agent's limit or departments changed. */
    record AgentSettingsChanged(Agent agent) implements RoutingEvent {}

    /** The number of agents who could take a chat right now (available, connected, below limit). */
    record AvailableAgentsCount(int count) implements RoutingEvent {}
}
