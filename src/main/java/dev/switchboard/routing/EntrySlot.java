package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The engine's mutable record of one active queue entry; guarded by the engine's lock, never handed out. */
final class EntrySlot {
    final QueueEntryId id;
    final UserId customer;
    final CustomerDetails details;
    final Department department;
    final Instant enqueuedAt;
    /** Routed automatically even when the desk picks by hand (seed 002 {@code callAgent}). */
    boolean autoRoute;
    EntryState state = EntryState.WAITING;
    /** Place in the queue: smaller is served first; entries put back in front get smaller numbers. */
    long order;
    /** Since when it waits this time (joining, or being put back), for the queue timeout. */
    Instant waitingSince;
    UserId agent;
    Instant offerDeadline;
    Instant assignedAt;
    /** Agents who rejected or let an offer lapse: never offered this entry again. */
    final Set<UserId> declinedBy = new LinkedHashSet<>();
    final List<UserId> heldBy = new ArrayList<>();

    EntrySlot(QueueEntryId id, QueueRequest request, Instant now, boolean autoRoute) {
        this(id, request, now, now, autoRoute);
    }

    EntrySlot(QueueEntryId id, QueueRequest request, Instant enqueuedAt, Instant waitingSince, boolean autoRoute) {
        this.id = id;
        this.customer = request.customer();
        this.details = request.details();
        this.department = request.department();
        this.enqueuedAt = enqueuedAt;
        this.waitingSince = waitingSince;
        this.autoRoute = autoRoute;
    }

    QueueEntry snapshot() {
        return new QueueEntry(id, customer, details, department, enqueuedAt, state, agent, offerDeadline, assignedAt,
                heldBy, List.copyOf(declinedBy), waitingSince, order, autoRoute);
    }
}
