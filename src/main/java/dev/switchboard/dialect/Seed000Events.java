package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.switchboard.routing.QueueEntry;
import dev.switchboard.routing.QueueEntryId;
import dev.switchboard.routing.QueueRequest;
import dev.switchboard.routing.RoutingEvent;
import dev.switchboard.routing.RoutingListener;
import dev.switchboard.routing.RoutingService;
import dev.switchboard.socketio.SioSocket;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 000's live chat: {@code registerUser}, {@code joinLiveChatQueue}, {@code selectCustomer},
 * {@code sendMessage} addressed by socket id, and the broadcasts {@code updateTechnicianStatus},
 * {@code updateLiveChatQueue}, {@code technicianConnected}, {@code customerConnected},
 * {@code receiveMessage}. The technician role comes from the authenticated identity, never from
 * {@code registerUser}'s {@code role}; the queue list goes to staff only (the seed sent every
 * customer's details to everyone).
 */
public final class Seed000Events implements RoutingListener, ChatGateway.ConnectionListener {
    private static final Set<String> NOT_FIELDS = Set.of("id", "role", "name", "email", "topic", "issue", "subject",
            "department", "userId", "socketId");

    private final RoutingService routing;
    private final SupportChatService support;
    private final ConversationService conversations;
    private final ChatAnnouncer announcer;
    private final Delivery delivery;

    public Seed000Events(RoutingService routing, SupportChatService support, ConversationService conversations,
            ChatAnnouncer announcer, Delivery delivery) {
        this.routing = routing;
        this.support = support;
        this.conversations = conversations;
        this.announcer = announcer;
        this.delivery = delivery;
    }

    public void register(SocketEvents events) {
        events.on(Dialect.SEED000, "registerUser", this::registerUser);
        events.on(Dialect.SEED000, "joinLiveChatQueue", this::join);
        events.on(Dialect.SEED000, "selectCustomer", this::select);
        events.on(Dialect.SEED000, "sendMessage", this::send);
        announcer.onNewMessage(this::receiveMessage);
    }

    /** A technician as {@code updateTechnicianStatus} lists them; {@code id} is a socket id, as in the seed. */
    public record Technician(String id, String userId, String name, String role, String availability) {}

    /** A waiting customer as {@code updateLiveChatQueue} lists them and {@code customerConnected} sends them. */
    public record Customer(String id, String userId, String entryId, String conversationId, String name, String email,
            String topic, String department, String state, Map<String, String> fields) {}

    public record Registered(String id, String userId, String name, String role) {}

    public record TechnicianConnected(String technicianId, String technicianUserId, String name, String conversationId) {}

    public record Received(String from, String message, String senderId, String conversationId, String messageId) {}

    public record Sent(String from, String to, String message, String conversationId, String messageId, long seq) {}

    // ---- events in --------------------------------------------------------------------------------

    private Object registerUser(SocketEvents.Call call) {
        Registered me = new Registered(call.socket().id(), call.me().id().value(), call.me().name(),
                QueueEvents.isStaff(call.me()) ? "technician" : "customer");
        if (QueueEvents.isStaff(call.me())) broadcastTechnicians();
        return me;
    }

    private Object join(SocketEvents.Call call) {
        User me = QueueEvents.requireCustomer(call.me());
        ObjectNode p = call.payload();
        CustomerDetails details = new CustomerDetails(Args.text(p, "name").orElse(me.name()),
                Args.text(p, "email").orElse(me.email()), Args.text(p, "topic", "issue", "subject").orElse(""), fields(p));
        QueueRequest request = new QueueRequest(me.id(), details, Department.of(Args.text(p, "department").orElse(null)));
        RoutingService.Joined joined = routing.join(me, request, details.topic());
        return customer(joined.entry(), joined.chat().id());
    }

    /** The seed's free-form customer details: texts other than the known ones become fields. */
    private static Map<String, String> fields(ObjectNode p) {
        Map<String, String> fields = new LinkedHashMap<>();
        p.fields().forEachRemaining(f -> {
            if (!NOT_FIELDS.contains(f.getKey()) && (f.getValue().isTextual() || f.getValue().isNumber())
                    && fields.size() <= CustomerDetails.MAX_FIELDS) {
                fields.put(f.getKey(), f.getValue().asText());
            }
        });
        return fields;
    }

    /** {@code selectCustomer(customerId)}: the customer's socket id (as the seed sends it), user id or entry id. */
    private Object select(SocketEvents.Call call) {
        User me = QueueEvents.requireStaff(call.me());
        ArrayNode args = call.args();
        JsonNode first = args.isEmpty() ? null : args.get(0);
        String target = first != null && (first.isTextual() || first.isNumber()) ? first.asText()
                : Args.requiredText(call.payload(), "customerId", "id", "socketId");
        UserId customer = customerOf(target);
        routing.pickCustomer(me.id(), customer);
        QueueEntry entry = routing.queries().activeEntry(customer)
                .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE));
        return customer(entry, routing.conversationOf(entry.id()).orElse(null));
    }

    private UserId customerOf(String target) {
        String id = target.trim();
        if (id.isEmpty() || id.length() > 128) throw SwitchboardException.invalid("customerId must be 1..128 characters");
        Optional<UserId> bySocket = userOfSocket(id);
        if (bySocket.isPresent()) return bySocket.get();
        if (routing.queries().activeEntry(new UserId(id)).isPresent()) return new UserId(id);
        return routing.queries().entry(new QueueEntryId(id)).map(QueueEntry::customer)
                .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE, "no waiting customer " + id));
    }

    /** {@code sendMessage {to, message}}: stored in the support chat between the two, delivered as receiveMessage. */
    private Object send(SocketEvents.Call call) {
        ObjectNode p = call.payload();
        String to = Args.requiredText(p, "to", "receiverId").trim();
        String text = Args.requiredText(p, "message", "text");
        String clientKey = Args.text(p, "clientMessageId").orElse(null);
        UserId target = userOfSocket(to).orElseGet(() -> new UserId(to));
        boolean staff = QueueEvents.isStaff(call.me());
        SupportChat chat = support.current(staff ? target : call.me().id())
                .filter(c -> conversations.isParticipant(target, c.id()))
                .orElseThrow(() -> new SwitchboardException(ErrorCode.CONVERSATION_NOT_FOUND,
                        "no support chat between you and " + to));
        SendResult result = conversations.send(call.me().id(), chat.id(), text, clientKey);
        if (!result.duplicate()) announcer.newMessage(result);
        return new Sent(call.socket().id(), to, result.message().text(), chat.id().value(),
                result.message().id().value(), result.message().seq());
    }

    // ---- events out -------------------------------------------------------------------------------

    /** Never waits: who speaks seed 000 and their sockets are in memory. */
    private boolean receiveMessage(SendResult result, boolean mayWait) {
        if (!delivery.anySpeaking(result.recipients(), Dialect.SEED000)) return true; // nobody to tell
        var m = result.message();
        Received received = new Received(socketOf(m.senderId()), m.text(), m.senderId().value(),
                m.conversationId().value(), m.id().value());
        for (UserId recipient : result.recipients()) {
            delivery.toUserSpeaking(recipient, Dialect.SEED000, "receiveMessage", received);
        }
        return true;
    }

    @Override
    public void routed(List<RoutingEvent> events, Map<QueueEntryId, ConversationId> conversations) {
        boolean queueChanged = false;
        boolean agentsChanged = false;
        for (RoutingEvent event : events) {
            switch (event) {
                case RoutingEvent.QueueChanged q -> queueChanged = true;
                case RoutingEvent.AgentAvailabilityChanged a -> agentsChanged = true;
                case RoutingEvent.AgentSettingsChanged a -> agentsChanged = true;
                case RoutingEvent.Assigned a -> connected(a.entry(), a.agent(), conversations.get(a.entry().id()));
                case RoutingEvent.Transferred t -> connected(t.entry(), t.to(), conversations.get(t.entry().id()));
                case RoutingEvent.NoAgentAvailable n -> delivery.toUserSpeaking(n.entry().customer(), Dialect.SEED000,
                        "queue:no_agents", new RoutingAnnouncer.NoAgentsView(n.entry().id().value(),
                                RoutingAnnouncer.conversation(n.entry(), conversations), routing.staffed()));
                default -> { }
            }
        }
        if (queueChanged) {
            List<Customer> queue = routing.queries().queue().stream()
                    .map(e -> customer(e, conversations.get(e.id()))).toList();
            delivery.toStaff(Dialect.SEED000, "updateLiveChatQueue", queue);
        }
        if (agentsChanged) broadcastTechnicians();
    }

    private void connected(QueueEntry entry, UserId agent, ConversationId conversation) {
        String conversationId = conversation == null ? null : conversation.value();
        String agentName = routing.queries().agent(agent).map(Agent::name).orElse("");
        delivery.toUser(entry.customer(), Dialect.SEED000, "technicianConnected",
                new TechnicianConnected(socketOf(agent), agent.value(), agentName, conversationId));
        delivery.toUser(agent, Dialect.SEED000, "customerConnected", customer(entry, conversation));
    }

    private void broadcastTechnicians() {
        delivery.latestToAll(Dialect.SEED000, "updateTechnicianStatus", this::technicians);
    }

    private List<Technician> technicians() {
        return routing.queries().agents().stream()
                .filter(a -> a.connections() > 0 && a.availability() != Availability.OFFLINE)
                .map(a -> new Technician(socketOf(a.id()), a.id().value(), a.name(), "technician", a.availability().wire()))
                .toList();
    }

    @Override
    public void opened(SioSocket socket, User user) {
        // nothing: seed 000 clients announce themselves with registerUser
    }

    /**
     * As in the seed, a customer whose (last) connection closes leaves the queue, if still waiting;
     * a chat being served stays. Technicians leaving update the technicians' list.
     */
    @Override
    public void closed(SioSocket socket, User user) {
        SocketState state = socket.state();
        if (state == null || !state.spoken(Dialect.SEED000)) return;
        if (QueueEvents.isStaff(user)) {
            broadcastTechnicians();
            return;
        }
        boolean othersOpen = delivery.namespace().room(Delivery.userRoom(user.id())).stream()
                .anyMatch(s -> !s.id().equals(socket.id()));
        boolean waiting = routing.queries().activeEntry(user.id()).map(e -> e.state().isQueued()).orElse(false);
        if (!othersOpen && waiting) routing.leave(user.id());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    Customer customer(QueueEntry e, ConversationId conversation) {
        return new Customer(socketOf(e.customer()), e.customer().value(), e.id().value(),
                conversation == null ? null : conversation.value(), e.details().name(), e.details().email(),
                e.details().topic(), e.department().id(), e.state().wire(), e.details().fields());
    }

    /** The user's seed-000 socket (the one the seed's clients address), else any of theirs, else the user id. */
    private String socketOf(UserId user) {
        Set<SioSocket> sockets = delivery.namespace().room(Delivery.userRoom(user));
        return sockets.stream().filter(s -> s.state() instanceof SocketState st && st.spoken(Dialect.SEED000))
                .findFirst().or(() -> sockets.stream().findFirst()).map(SioSocket::id).orElse(user.value());
    }

    private Optional<UserId> userOfSocket(String socketId) {
        return delivery.namespace().socket(socketId).map(s -> s.state() instanceof SocketState st ? st.user().id() : null);
    }
}
