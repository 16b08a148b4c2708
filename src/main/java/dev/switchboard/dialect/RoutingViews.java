package dev.switchboard.dialect;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.Department;
import dev.switchboard.routing.QueueEntry;
import dev.switchboard.routing.QueueEntryId;
import dev.switchboard.routing.QueuePosition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Wire shapes of the queue, agents and schedules (native {@code queue:*}, {@code agent:*}). */
public final class RoutingViews {
    private RoutingViews() {}

    public record Person(String id, String name) {}

    public record Customer(String id, String name, String email) {}

    /** A queue entry as staff see it. */
    public record Entry(String id, String conversationId, Customer customer, String department, String topic,
            Map<String, String> fields, String state, String agentId, Instant enqueuedAt, Instant waitingSince,
            Instant offerDeadline, List<String> heldBy) {}

    public record Position(String entryId, String conversationId, int position, long estimatedWaitSeconds) {}

    public record AgentView(String id, String name, String availability, int maxChats, List<String> departments,
            int activeChats, int pendingOffers, boolean connected) {}

    public static Entry entry(QueueEntry e, ConversationId conversation) {
        return new Entry(e.id().value(), conversation == null ? null : conversation.value(),
                new Customer(e.customer().value(), e.details().name(), e.details().email()), e.department().id(),
                e.details().topic(), e.details().fields(), e.state().wire(), e.agent() == null ? null : e.agent().value(),
                e.enqueuedAt(), e.waitingSince(), e.offerDeadline(), e.heldBy().stream().map(UserId::value).toList());
    }

    public static List<Entry> entries(List<QueueEntry> list, Function<QueueEntryId, ConversationId> conversations) {
        return list.stream().map(e -> entry(e, conversations.apply(e.id()))).toList();
    }

    public static Position position(QueuePosition p, ConversationId conversation) {
        return new Position(p.entry().value(), conversation == null ? null : conversation.value(), p.position(),
                p.estimatedWait().toSeconds());
    }

    public static AgentView agent(Agent a) {
        return new AgentView(a.id().value(), a.name(), a.availability().wire(), a.maxConcurrentChats(),
                a.departments().stream().map(Department::id).sorted().toList(), a.chats().size(), a.offers().size(),
                a.connections() > 0);
    }
}
