package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.Availability;
import dev.switchboard.routing.CustomerDetails;
import dev.switchboard.routing.Department;
import dev.switchboard.routing.EntryState;
import dev.switchboard.routing.QueueEntry;
import dev.switchboard.routing.QueueEntryId;
import dev.switchboard.routing.QueueRequest;
import dev.switchboard.routing.RoutingEvent;
import dev.switchboard.routing.RoutingListener;
import dev.switchboard.routing.RoutingService;
import dev.switchboard.socketio.SioSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 002's call signalling (C6): a user calls, the first available agent (by the configured
 * strategy) gets the call, may reject it (next agent) or transfer it (another available agent),
 * both talk through {@code userMessage}/{@code agentMessage} (stored in the support chat), mute and
 * leave; {@code getAvailableAgents} is broadcast on every change of the count. Media is out of
 * scope. Identity comes from the connection: the {@code userId}/{@code agentId}/{@code id} the
 * seed's clients send are ignored; the client's {@code roomId} is kept as the call's room label.
 */
public final class Seed002Events implements RoutingListener, ChatGateway.ConnectionListener {
    static final String ROOM_FIELD = "roomId";

    private final RoutingService routing;
    private final ConversationService conversations;
    private final ChatAnnouncer announcer;
    private final Delivery delivery;

    public Seed002Events(RoutingService routing, ConversationService conversations, ChatAnnouncer announcer,
            Delivery delivery) {
        this.routing = routing;
        this.conversations = conversations;
        this.announcer = announcer;
        this.delivery = delivery;
    }

    public void register(SocketEvents events) {
        events.on(Dialect.SEED002, "connectUser", this::connectUser);
        events.on(Dialect.SEED002, "connectAgent", this::connectAgent);
        events.on(Dialect.SEED002, "callAgent", this::callAgent);
        events.on(Dialect.SEED002, "rejectCall", this::rejectCall);
        events.on(Dialect.SEED002, "callTransfer", this::callTransfer);
        events.on(Dialect.SEED002, "toggleAvailability", this::toggleAvailability);
        events.on(Dialect.SEED002, "userMessage", call -> message(call, false));
        events.on(Dialect.SEED002, "agentMessage", call -> message(call, true));
        events.on(Dialect.SEED002, "leaveCall", this::leaveCall);
        events.on(Dialect.SEED002, "mute", this::mute);
        announcer.onNewMessage(this::relay);
    }

    public record Connected(String socketId, String userId, String name, String role, int availableAgents) {}

    public record AvailableAgents(int availableAgents) {}

    /** What both sides get when a call reaches an agent (the seed sent the caller's payload). */
    public record Call(String roomId, String userId, String agentId, String agentName, String conversationId,
            String entryId) {}

    public record Transfer(String roomId, String agentId, String agentName, String fromAgentId, String conversationId) {}

    public record MessageInput(String messageInput, String roomId, String senderId, String conversationId) {}

    public record Left(String roomId, String by, String conversationId) {}

    public record Mute(String roomId, String from, Boolean muted) {}

    public record NoAgents(String entryId, String conversationId, boolean staffed, String roomId) {}

    // ---- events in --------------------------------------------------------------------------------

    private Object connectUser(SocketEvents.Call call) {
        return connected(call);
    }

    private Object connectAgent(SocketEvents.Call call) {
        User me = QueueEvents.requireStaff(call.me());
        routing.setAvailability(me.id(), Availability.AVAILABLE); // the seed: an agent connects available
        return connected(call);
    }

    private Connected connected(SocketEvents.Call call) {
        return new Connected(call.socket().id(), call.me().id().value(), call.me().name(),
                QueueEvents.isStaff(call.me()) ? "agent" : "user", routing.queries().availableAgents());
    }

    /**
     * {@code callAgent {roomId}}: the call goes to the first available agent by the strategy, or,
     * with nobody available, fails with NO_AGENT_AVAILABLE (and {@code queue:no_agents}) and is not
     * kept waiting; the seed fell silent.
     */
    private Object callAgent(SocketEvents.Call call) {
        User me = QueueEvents.requireCustomer(call.me());
        ObjectNode p = call.payload();
        String room = Args.text(p, ROOM_FIELD).orElse(call.socket().id());
        Department department = Department.of(Args.text(p, "department").orElse(null));
        if (routing.queries().activeEntry(me.id()).isEmpty() && routing.queries().availableAgents(department) == 0) {
            noAgents(call.socket(), null, null, room);
        }
        CustomerDetails details = new CustomerDetails(Args.text(p, "name").orElse(me.name()),
                Args.text(p, "email").orElse(me.email()), Args.text(p, "topic", "subject").orElse(""),
                Map.of(ROOM_FIELD, room));
        RoutingService.Joined joined = routing.call(me, new QueueRequest(me.id(), details, department), null);
        QueueEntry entry = routing.queries().activeEntry(me.id()).orElse(joined.entry());
        if (entry.state() == EntryState.WAITING) {
            routing.leave(me.id()); // nobody took it after all: a call does not wait, as in the seed
            noAgents(call.socket(), entry.id(), joined.chat().id(), room);
        }
        return callView(entry, joined.chat().id());
    }

    private void noAgents(SioSocket socket, QueueEntryId entry, ConversationId conversation, String room) {
        socket.emit("queue:no_agents", new NoAgents(entry == null ? null : entry.value(),
                conversation == null ? null : conversation.value(), routing.staffed(), room));
        throw new SwitchboardException(ErrorCode.NO_AGENT_AVAILABLE);
    }

    /** {@code rejectCall}: the agent gives the call back; it passes to the next agent who has not declined it. */
    private Object rejectCall(SocketEvents.Call call) {
        User me = QueueEvents.requireStaff(call.me());
        QueueEntry entry = callOf(me.id(), call.payload());
        routing.reject(me.id(), entry.id());
        return null;
    }

    /** {@code callTransfer}: to another available agent; a call whose user is gone is NOT_IN_QUEUE. */
    private Object callTransfer(SocketEvents.Call call) {
        User me = QueueEvents.requireStaff(call.me());
        QueueEntry entry = callOf(me.id(), call.payload());
        ConversationId conversation = routing.conversationOf(entry.id())
                .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE));
        routing.transfer(me.id(), conversation, null);
        return routing.entryOf(conversation).map(e -> callView(e, conversation)).orElse(null);
    }

    private Object toggleAvailability(SocketEvents.Call call) {
        User me = QueueEvents.requireStaff(call.me());
        boolean available = Args.bool(call.payload(), "available")
                .orElseThrow(() -> SwitchboardException.invalid("available (true or false) is required"));
        routing.setAvailability(me.id(), available ? Availability.AVAILABLE : Availability.BUSY);
        return new AvailableAgents(routing.queries().availableAgents());
    }

    /** {@code userMessage}/{@code agentMessage {roomId, messageInput}}: stored in the call's support chat. */
    private Object message(SocketEvents.Call call, boolean fromAgent) {
        ObjectNode p = call.payload();
        String text = Args.requiredText(p, "messageInput", "message", "text");
        User me = fromAgent ? QueueEvents.requireStaff(call.me()) : QueueEvents.requireCustomer(call.me());
        QueueEntry entry = fromAgent ? callOf(me.id(), p) : routing.queries().activeEntry(me.id())
                .filter(e -> e.state() == EntryState.ASSIGNED)
                .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE, "you are not in a call"));
        ConversationId conversation = routing.conversationOf(entry.id())
                .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE));
        SendResult result = conversations.send(me.id(), conversation, text,
                Args.text(p, "clientMessageId").orElse(null));
        if (!result.duplicate()) announcer.newMessage(result);
        return new MessageInput(text, room(entry), me.id().value(), conversation.value());
    }

    /** {@code leaveCall}: the user leaves, or the agent ends the call; the other side hears {@code leaveCall}. */
    private Object leaveCall(SocketEvents.Call call) {
        User me = call.me();
        if (QueueEvents.isStaff(me)) {
            QueueEntry entry = callOf(me.id(), call.payload());
            ConversationId conversation = routing.conversationOf(entry.id())
                    .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE));
            routing.end(me.id(), conversation);
        } else {
            routing.queries().activeEntry(me.id()).orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE));
            routing.leave(me.id());
        }
        return null;
    }

    /** {@code mute {roomId, muted?}}: relayed to the other party of the call. */
    private Object mute(SocketEvents.Call call) {
        User me = call.me();
        ObjectNode p = call.payload();
        QueueEntry entry = QueueEvents.isStaff(me) ? callOf(me.id(), p) : routing.queries().activeEntry(me.id())
                .filter(e -> e.state() == EntryState.ASSIGNED)
                .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE, "you are not in a call"));
        UserId other = QueueEvents.isStaff(me) ? entry.customer() : entry.agent();
        Mute mute = new Mute(room(entry), me.id().value(), Args.bool(p, "muted").or(() -> Args.bool(p, "isMuted")).orElse(null));
        delivery.toUser(other, Dialect.SEED002, "mute", mute);
        return mute;
    }

    /** The agent's call named by {@code roomId}, or their only call; offers count as calls too. */
    private QueueEntry callOf(UserId agent, ObjectNode p) {
        Optional<String> room = Args.text(p, ROOM_FIELD);
        List<QueueEntry> mine = new ArrayList<>();
        routing.queries().agent(agent).ifPresent(a -> {
            for (QueueEntryId id : a.chats()) routing.queries().entry(id).ifPresent(mine::add);
            for (QueueEntryId id : a.offers()) routing.queries().entry(id).ifPresent(mine::add);
        });
        if (room.isPresent()) {
            return mine.stream().filter(e -> room.get().equals(room(e))).findFirst()
                    .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE, "no call of yours in room " + room.get()));
        }
        if (mine.size() == 1) return mine.getFirst();
        throw mine.isEmpty() ? new SwitchboardException(ErrorCode.NOT_IN_QUEUE, "you have no call")
                : SwitchboardException.invalid("you have several calls: name the roomId");
    }

    // ---- events out -------------------------------------------------------------------------------

    private boolean relay(SendResult result, boolean mayWait) {
        // most messages have no seed 002 recipient; they do not need the routing engine's answers (its lock)
        if (!delivery.anySpeaking(result.recipients(), Dialect.SEED002)) return true;
        if (!mayWait) return false;
        var m = result.message();
        boolean fromCustomer = routing.queries().activeEntry(m.senderId()).isPresent();
        String room = routing.entryOf(m.conversationId()).map(Seed002Events::room).orElse(null);
        MessageInput relayed = new MessageInput(m.text(), room, m.senderId().value(), m.conversationId().value());
        for (UserId recipient : result.recipients()) {
            delivery.toUserSpeaking(recipient, Dialect.SEED002, fromCustomer ? "userMessage" : "agentMessage", relayed);
        }
        return true;
    }

    @Override
    public void routed(List<RoutingEvent> events, Map<QueueEntryId, ConversationId> conversations) {
        for (RoutingEvent event : events) {
            switch (event) {
                case RoutingEvent.Assigned a when a.entry().autoRoute() -> {
                    Call c = callView(a.entry(), conversations.get(a.entry().id()));
                    delivery.toUsers(List.of(a.entry().customer(), a.agent()), Dialect.SEED002, "callAgent", c);
                }
                case RoutingEvent.Transferred t -> {
                    ConversationId conversation = conversations.get(t.entry().id());
                    Transfer transfer = new Transfer(room(t.entry()), t.to().value(), name(t.to()), t.from().value(),
                            conversation == null ? null : conversation.value());
                    delivery.toUsers(List.of(t.entry().customer(), t.to()), Dialect.SEED002, "callTransfer", transfer);
                }
                case RoutingEvent.Ended e when e.entry().agent() != null -> {
                    UserId other = e.by().equals(e.entry().customer()) ? e.entry().agent() : e.entry().customer();
                    delivery.toUser(other, Dialect.SEED002, "leaveCall", new Left(room(e.entry()), e.by().value(),
                            value(conversations.get(e.entry().id()))));
                }
                case RoutingEvent.NoAgentAvailable n when n.entry().autoRoute() ->
                        delivery.toUserSpeaking(n.entry().customer(), Dialect.SEED002, "queue:no_agents",
                                new NoAgents(n.entry().id().value(), value(conversations.get(n.entry().id())),
                                        routing.staffed(), room(n.entry())));
                case RoutingEvent.AvailableAgentsCount n ->
                        delivery.latestToAll(Dialect.SEED002, "getAvailableAgents", () -> new AvailableAgents(n.count()));
                default -> { }
            }
        }
    }

    @Override
    public void opened(SioSocket socket, User user) {
        // nothing: seed 002 clients announce themselves with connectUser / connectAgent
    }

    /** A caller whose last connection closes while the call still waits for an agent gives it up. */
    @Override
    public void closed(SioSocket socket, User user) {
        SocketState state = socket.state();
        if (state == null || !state.spoken(Dialect.SEED002) || QueueEvents.isStaff(user)) return;
        boolean othersOpen = delivery.namespace().room(Delivery.userRoom(user.id())).stream()
                .anyMatch(s -> !s.id().equals(socket.id()));
        boolean waiting = routing.queries().activeEntry(user.id()).map(e -> e.state().isQueued()).orElse(false);
        if (!othersOpen && waiting) routing.leave(user.id());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Call callView(QueueEntry e, ConversationId conversation) {
        return new Call(room(e), e.customer().value(), e.agent() == null ? null : e.agent().value(),
                e.agent() == null ? null : name(e.agent()), value(conversation), e.id().value());
    }

    private String name(UserId agent) {
        return routing.queries().agent(agent).map(Agent::name).orElse("");
    }

    static String room(QueueEntry e) {
        return e.details().fields().get(ROOM_FIELD);
    }

    private static String value(ConversationId id) {
        return id == null ? null : id.value();
    }
}
