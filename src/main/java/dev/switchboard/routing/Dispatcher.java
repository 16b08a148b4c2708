package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.AgentAvailabilityChanged;
import dev.switchboard.routing.RoutingEvent.Assigned;
import dev.switchboard.routing.RoutingEvent.NoAgentAvailable;
import dev.switchboard.routing.RoutingEvent.OfferWithdrawn;
import dev.switchboard.routing.RoutingEvent.Offered;
import dev.switchboard.routing.RoutingEvent.Transferred;
import dev.switchboard.routing.RoutingEvent.Unassigned;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The moves every operation is made of: offering, assigning, moving and releasing chats, taking an
 * agent offline, and handing out the backlog. Each move keeps agents' loads and the queue in step
 * and reports itself as an event. Runs under the engine's lock; callers validate before moving.
 */
final class Dispatcher {
    private final Desk desk;
    private final RoutingSettings settings;
    private final Clock clock;

    Dispatcher(Desk desk, RoutingSettings settings, Clock clock) {
        this.desk = desk;
        this.settings = settings;
        this.clock = clock;
    }

    boolean routesAutomatically(EntrySlot e) {
        return settings.strategy() != Strategy.MANUAL || e.autoRoute;
    }

    /**
     * Hands every waiting entry that routes automatically to an agent, oldest first, as far as
     * capacity goes. One pass suffices: handing out only uses capacity up, so an entry nobody could
     * take stays so for the rest of the pass.
     */
    void handOutBacklog(List<RoutingEvent> out) {
        if (desk.availableCount() == 0) return;
        for (EntrySlot e : desk.queued()) {
            if (e.state == EntryState.WAITING && routesAutomatically(e)) route(e, out);
        }
    }

    /** Tries to hand a waiting entry to an agent by the strategy; false when nobody can take it. */
    boolean route(EntrySlot e, List<RoutingEvent> out) {
        Optional<AgentSlot> agent = RoutingPolicy.choose(settings.strategy(), desk.candidates(e));
        if (agent.isEmpty()) return false;
        if (settings.usesOffers()) {
            offer(e, agent.get(), out);
        } else {
            assign(e, agent.get(), out);
        }
        return true;
    }

    /** After an entry became waiting again: route it on, or tell the customer that nobody can take it. */
    void reroute(EntrySlot e, List<RoutingEvent> out) {
        boolean placed = routesAutomatically(e) ? route(e, out) : desk.anyoneCouldTake(e.department);
        if (!placed) out.add(new NoAgentAvailable(e.snapshot()));
    }

    void offer(EntrySlot e, AgentSlot a, List<RoutingEvent> out) {
        e.state = EntryState.OFFERED;
        e.agent = a.id;
        e.offerDeadline = clock.instant().plus(settings.offerTimeout());
        a.offers.add(e.id);
        out.add(new Offered(e.snapshot(), a.id, e.offerDeadline));
    }

    /** Gives a waiting or offered entry to an agent; an offer to someone else is withdrawn first. */
    void assign(EntrySlot e, AgentSlot a, List<RoutingEvent> out) {
        if (e.state == EntryState.OFFERED) {
            if (a.id.equals(e.agent)) {
                a.offers.remove(e.id);
            } else {
                withdrawOffer(e, ReleaseReason.PICKED_BY_OTHER, out);
            }
        }
        desk.dequeue(e);
        e.state = EntryState.ASSIGNED;
        e.offerDeadline = null;
        take(e, a);
        out.add(new Assigned(e.snapshot(), a.id));
    }

    /** Moves an assigned chat straight to another agent (transfer). */
    void move(EntrySlot e, AgentSlot from, AgentSlot to, List<RoutingEvent> out) {
        from.chats.remove(e.id);
        take(e, to);
        out.add(new Transferred(e.snapshot(), from.id, to.id));
    }

    private void take(EntrySlot e, AgentSlot a) {
        e.agent = a.id;
        e.assignedAt = clock.instant();
        if (!e.heldBy.contains(a.id)) e.heldBy.add(a.id);
        a.chats.add(e.id);
        a.lastAssignedAt = e.assignedAt;
        a.lastTurn = desk.nextTurn();
    }

    /** Ends a pending offer; the entry waits again in its place. */
    void withdrawOffer(EntrySlot e, ReleaseReason reason, List<RoutingEvent> out) {
        UserId agent = e.agent;
        AgentSlot a = desk.agents.get(agent);
        if (a != null) a.offers.remove(e.id);
        e.state = EntryState.WAITING;
        e.agent = null;
        e.offerDeadline = null;
        out.add(new OfferWithdrawn(e.snapshot(), agent, reason));
    }

    /** Takes an assigned chat from its agent and puts the customer back at the front of the queue. */
    void unassign(EntrySlot e, ReleaseReason reason, List<RoutingEvent> out) {
        UserId agent = e.agent;
        AgentSlot a = desk.agents.get(agent);
        if (a != null) a.chats.remove(e.id);
        e.state = EntryState.WAITING;
        e.agent = null;
        e.assignedAt = null;
        e.waitingSince = clock.instant();
        desk.enqueueFront(e);
        out.add(new Unassigned(e.snapshot(), agent, reason));
    }

    /** Takes an active entry out for good and frees its agent's slot; returns its final snapshot. */
    QueueEntry close(EntrySlot e, EntryState finalState, List<RoutingEvent> out) {
        if (e.state == EntryState.OFFERED) withdrawOffer(e, ReleaseReason.CUSTOMER_GONE, out);
        if (e.state == EntryState.ASSIGNED) {
            AgentSlot a = desk.agents.get(e.agent);
            if (a != null) a.chats.remove(e.id);
        }
        desk.remove(e);
        e.state = finalState;
        return e.snapshot();
    }

    /** Withdraws every offer pending for the agent and passes the customers on. */
    void releaseOffers(AgentSlot a, ReleaseReason reason, List<RoutingEvent> out) {
        for (QueueEntryId id : List.copyOf(a.offers)) {
            EntrySlot e = desk.entries.get(id);
            withdrawOffer(e, reason, out);
            reroute(e, out);
        }
    }

    /**
     * The agent is offline: pending offers go to the next agents, and chats go back to the front of
     * the queue, the longest waiting in front, and on to the next agents.
     */
    void takeOffline(AgentSlot a, List<RoutingEvent> out) {
        Availability previous = a.availability;
        a.availability = Availability.OFFLINE;
        a.disconnectedAt = null;
        out.add(new AgentAvailabilityChanged(a.snapshot(), previous));
        releaseOffers(a, ReleaseReason.AGENT_OFFLINE, out);
        List<EntrySlot> chats = a.chats.stream().map(desk.entries::get)
                .sorted(Comparator.comparingLong((EntrySlot e) -> e.order).reversed()).toList();
        for (EntrySlot e : chats) unassign(e, ReleaseReason.AGENT_OFFLINE, out);
        for (EntrySlot e : chats.reversed()) reroute(e, out);
    }
}
