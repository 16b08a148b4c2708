package dev.switchboard.dialect;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.QueueEntry;
import dev.switchboard.routing.QueueEntryId;
import dev.switchboard.routing.RoutingEvent;
import dev.switchboard.routing.RoutingEvent.AgentAvailabilityChanged;
import dev.switchboard.routing.RoutingEvent.AgentSettingsChanged;
import dev.switchboard.routing.RoutingEvent.Assigned;
import dev.switchboard.routing.RoutingEvent.AvailableAgentsCount;
import dev.switchboard.routing.RoutingEvent.Ended;
import dev.switchboard.routing.RoutingEvent.Left;
import dev.switchboard.routing.RoutingEvent.NoAgentAvailable;
import dev.switchboard.routing.RoutingEvent.OfferWithdrawn;
import dev.switchboard.routing.RoutingEvent.Offered;
import dev.switchboard.routing.RoutingEvent.PositionChanged;
import dev.switchboard.routing.RoutingEvent.QueueChanged;
import dev.switchboard.routing.RoutingEvent.TimedOut;
import dev.switchboard.routing.RoutingEvent.Transferred;
import dev.switchboard.routing.RoutingEvent.Unassigned;
import dev.switchboard.routing.RoutingListener;
import dev.switchboard.routing.RoutingService;
import dev.switchboard.routing.QueuePosition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Tells people what the desk did, in the native vocabulary ({@code queue:*}, {@code agent:*}):
 * staff connections ({@link Delivery#toStaff}) see queues and agents, customers their own
 * place and chat, agents their offers and chats. Runs under the routing service's lock, after the
 * changes are stored; only hands packets to the connections' loops, never blocks.
 */
public final class RoutingAnnouncer implements RoutingListener {
    private final Delivery delivery;
    private final RoutingService routing;

    public RoutingAnnouncer(Delivery delivery, RoutingService routing) {
        this.delivery = delivery;
        this.routing = routing;
    }

    public record QueueUpdated(String department, List<RoutingViews.Entry> queue) {}

    public record OfferView(RoutingViews.Entry entry, Instant deadline) {}

    public record OfferWithdrawnView(String entryId, String conversationId, String reason) {}

    public record AssignedView(String entryId, String conversationId, RoutingViews.Person agent,
            RoutingViews.Person customer) {}

    public record TransferredView(String entryId, String conversationId, RoutingViews.Person from,
            RoutingViews.Person to) {}

    public record EndedView(String entryId, String conversationId, String by) {}

    public record LeftView(String entryId, String conversationId, String reason) {}

    public record NoAgentsView(String entryId, String conversationId, boolean staffed) {}

    public record AgentUpdated(RoutingViews.AgentView agent) {}

    public record Count(int count) {}

    @Override
    public void routed(List<RoutingEvent> events, Map<QueueEntryId, ConversationId> conversations) {
        for (RoutingEvent event : events) announce(event, conversations);
    }

    private void announce(RoutingEvent event, Map<QueueEntryId, ConversationId> c) {
        switch (event) {
            case QueueChanged q -> delivery.toStaff(Dialect.NATIVE, "queue:updated",
                    new QueueUpdated(q.department().id(), RoutingViews.entries(q.queue(), c::get)));
            case PositionChanged p -> delivery.toUser(p.customer(), Dialect.NATIVE, "queue:position",
                    RoutingViews.position(new QueuePosition(p.entry(), p.customer(), null, p.position(),
                            p.estimatedWait()), c.get(p.entry())));
            case Offered o -> delivery.toUser(o.agent(), Dialect.NATIVE, "queue:offer",
                    new OfferView(view(o.entry(), c), o.deadline()));
            case OfferWithdrawn w -> delivery.toUser(w.agent(), Dialect.NATIVE, "queue:offer_withdrawn",
                    new OfferWithdrawnView(w.entry().id().value(), conversation(w.entry(), c), w.reason().wire()));
            case Assigned a -> delivery.toUsers(List.of(a.entry().customer(), a.agent()), Dialect.NATIVE,
                    "queue:assigned", new AssignedView(a.entry().id().value(), conversation(a.entry(), c),
                            agent(a.agent()), customer(a.entry())));
            case Unassigned u -> delivery.toUser(u.agent(), Dialect.NATIVE, "queue:unassigned",
                    new OfferWithdrawnView(u.entry().id().value(), conversation(u.entry(), c), u.reason().wire()));
            case Transferred t -> delivery.toUsers(List.of(t.entry().customer(), t.from(), t.to()), Dialect.NATIVE,
                    "queue:transferred", new TransferredView(t.entry().id().value(), conversation(t.entry(), c),
                            agent(t.from()), agent(t.to())));
            case Ended e -> delivery.toUsers(endedAudience(e), Dialect.NATIVE, "queue:ended",
                    new EndedView(e.entry().id().value(), conversation(e.entry(), c), e.by().value()));
            case Left l -> delivery.toUser(l.entry().customer(), Dialect.NATIVE, "queue:left",
                    new LeftView(l.entry().id().value(), conversation(l.entry(), c), "left"));
            case TimedOut t -> delivery.toUser(t.entry().customer(), Dialect.NATIVE, "queue:left",
                    new LeftView(t.entry().id().value(), conversation(t.entry(), c), "timed_out"));
            case NoAgentAvailable n -> delivery.toUser(n.entry().customer(), Dialect.NATIVE, "queue:no_agents",
                    new NoAgentsView(n.entry().id().value(), conversation(n.entry(), c), routing.staffed()));
            case AgentAvailabilityChanged a -> agentUpdated(a.agent());
            case AgentSettingsChanged s -> agentUpdated(s.agent());
            case AvailableAgentsCount n -> delivery.latestToAll(Dialect.NATIVE, "agent:available_count", () -> new Count(n.count()));
        }
    }

    private void agentUpdated(Agent agent) {
        // the snapshot in the event may be older than the state now; staff want the latest
        Agent now = routing.queries().agent(agent.id()).orElse(agent);
        delivery.toStaffSpeaking(Dialect.NATIVE, "agent:updated", new AgentUpdated(RoutingViews.agent(now)));
    }

    private static List<UserId> endedAudience(Ended e) {
        return e.entry().agent() == null ? List.of(e.entry().customer()) : List.of(e.entry().customer(), e.entry().agent());
    }

    static RoutingViews.Entry view(QueueEntry e, Map<QueueEntryId, ConversationId> c) {
        return RoutingViews.entry(e, c.get(e.id()));
    }

    static String conversation(QueueEntry e, Map<QueueEntryId, ConversationId> c) {
        ConversationId id = c.get(e.id());
        return id == null ? null : id.value();
    }

    RoutingViews.Person agent(UserId id) {
        return new RoutingViews.Person(id.value(), routing.queries().agent(id).map(Agent::name).orElse(""));
    }

    static RoutingViews.Person customer(QueueEntry e) {
        return new RoutingViews.Person(e.customer().value(), e.details().name());
    }
}
