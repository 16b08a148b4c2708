package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Availability;
import dev.switchboard.routing.CustomerDetails;
import dev.switchboard.routing.Department;
import dev.switchboard.routing.QueueEntry;
import dev.switchboard.routing.QueueEntryId;
import dev.switchboard.routing.QueueRequest;
import dev.switchboard.routing.RoutingService;
import dev.switchboard.socketio.SioSocket;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.TicketService;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The native queue and agent events ({@code queue:*}, {@code agent:*}), and the routing side of
 * connections: a staff connection (agent or admin) counts for routing while it is open. Identity
 * and role always come from the connection.
 */
public final class QueueEvents implements ChatGateway.ConnectionListener {
    private final RoutingService routing;
    private final TicketService tickets;

    public QueueEvents(RoutingService routing, TicketService tickets) {
        this.routing = routing;
        this.tickets = tickets;
    }

    public void register(SocketEvents events) {
        events.on(Dialect.NATIVE, "queue:join", this::join);
        events.on(Dialect.NATIVE, "queue:leave", this::leave);
        events.on(Dialect.NATIVE, "queue:get", this::get);
        events.on(Dialect.NATIVE, "queue:pick", this::pick);
        events.on(Dialect.NATIVE, "queue:accept", this::accept);
        events.on(Dialect.NATIVE, "queue:reject", this::reject);
        events.on(Dialect.NATIVE, "queue:transfer", this::transfer);
        events.on(Dialect.NATIVE, "queue:end", this::end);
        events.on(Dialect.NATIVE, "agent:set_availability", this::setAvailability);
        events.on(Dialect.NATIVE, "agent:list", this::list);
        events.on(Dialect.NATIVE, "agent:set_settings", this::setSettings);
    }

    public static boolean isStaff(User user) {
        return SupportChatService.isSupportStaff(user.role());
    }

    @Override
    public void opened(SioSocket socket, User user) {
        // staff connections are in the staff rooms already (ChatGateway, Delivery.staffOpened)
        if (isStaff(user)) routing.agentConnected(user, socket.id());
    }

    @Override
    public void closed(SioSocket socket, User user) {
        if (isStaff(user)) routing.agentDisconnected(user.id(), socket.id());
    }

    public record JoinedView(RoutingViews.Entry entry, TicketViews.TicketView chat, RoutingViews.Position position) {}

    public record EntryReply(RoutingViews.Entry entry) {}

    public record QueueReply(List<RoutingViews.Entry> queue) {}

    public record AgentsReply(List<RoutingViews.AgentView> agents, int availableCount) {}

    public record AgentReply(RoutingViews.AgentView agent) {}

    // ---- customers ------------------------------------------------------------------------------

    private Object join(SocketEvents.Call call) {
        User me = requireCustomer(call.me());
        ObjectNode p = call.payload();
        QueueRequest request = request(me, p);
        String subject = Args.text(p, "subject", "topic").orElse(null);
        return joined(me, routing.join(me, request, subject));
    }

    /** The request a customer's payload describes; name and e-mail default to the account's. */
    static QueueRequest request(User me, ObjectNode p) {
        CustomerDetails details = new CustomerDetails(Args.text(p, "name").orElse(me.name()),
                Args.text(p, "email").orElse(me.email()), Args.text(p, "topic", "subject").orElse(""), fields(p));
        return new QueueRequest(me.id(), details, Department.of(Args.text(p, "department").orElse(null)));
    }

    /** The customer's entry, their support chat as the ticket they see, and their place. */
    JoinedView joined(User me, RoutingService.Joined joined) {
        QueueEntry e = joined.entry();
        ConversationId conversation = joined.chat().id();
        RoutingViews.Position position = routing.queries().position(e.customer())
                .map(p -> RoutingViews.position(p, conversation)).orElse(null);
        return new JoinedView(RoutingViews.entry(e, conversation), TicketViews.ticket(tickets.get(me, conversation)),
                position);
    }

    private static Map<String, String> fields(ObjectNode p) {
        JsonNode fields = p.get("fields");
        if (fields == null || fields.isNull()) return Map.of();
        if (!fields.isObject()) throw SwitchboardException.invalid("fields must be an object of texts");
        Map<String, String> map = new LinkedHashMap<>();
        for (var it = fields.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!field.getValue().isTextual() && !field.getValue().isNumber()) {
                throw SwitchboardException.invalid("fields." + field.getKey() + " must be a string");
            }
            map.put(field.getKey(), field.getValue().asText());
            if (map.size() > CustomerDetails.MAX_FIELDS) break; // CustomerDetails refuses it
        }
        return map;
    }

    private Object leave(SocketEvents.Call call) {
        User me = requireCustomer(call.me());
        QueueEntry entry = routing.queries().activeEntry(me.id())
                .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE));
        routing.leave(me.id());
        return new EntryReply(RoutingViews.entry(entry, routing.conversationOf(entry.id()).orElse(null)));
    }

    private Object end(SocketEvents.Call call) {
        ConversationId conversation = Args.conversationId(call.payload());
        routing.end(call.me().id(), conversation);
        return null;
    }

    // ---- staff ----------------------------------------------------------------------------------

    private Object get(SocketEvents.Call call) {
        requireStaff(call.me());
        Optional<String> department = Args.text(call.payload(), "department");
        List<QueueEntry> queue = department.isPresent()
                ? routing.queries().queue(Department.of(department.get())) : routing.queries().queue();
        return new QueueReply(entries(queue));
    }

    private Object pick(SocketEvents.Call call) {
        User me = requireStaff(call.me());
        ObjectNode p = call.payload();
        Optional<String> entry = Args.text(p, "entryId");
        if (entry.isPresent()) {
            QueueEntryId id = entryId(p);
            routing.pick(me.id(), id);
            return current(id);
        }
        UserId customer = Args.userId(p, "customerId");
        routing.pickCustomer(me.id(), customer);
        return current(routing.queries().activeEntry(customer).map(QueueEntry::id).orElse(null));
    }

    private Object accept(SocketEvents.Call call) {
        User me = requireStaff(call.me());
        QueueEntryId id = entryId(call.payload());
        routing.accept(me.id(), id);
        return current(id);
    }

    private Object reject(SocketEvents.Call call) {
        User me = requireStaff(call.me());
        routing.reject(me.id(), entryId(call.payload()));
        return null;
    }

    private Object transfer(SocketEvents.Call call) {
        User me = requireStaff(call.me());
        ObjectNode p = call.payload();
        ConversationId conversation = Args.conversationId(p);
        UserId to = Args.text(p, "toAgentId", "agentId").isPresent() ? Args.userId(p, "toAgentId", "agentId") : null;
        routing.transfer(me.id(), conversation, to);
        return new EntryReply(routing.entryOf(conversation).map(e -> RoutingViews.entry(e, conversation)).orElse(null));
    }

    private Object setAvailability(SocketEvents.Call call) {
        User me = requireStaff(call.me());
        Availability availability = Availability.fromWire(Args.requiredText(call.payload(), "availability", "status"));
        routing.setAvailability(me.id(), availability);
        return agentReply(me.id());
    }

    private Object list(SocketEvents.Call call) {
        requireStaff(call.me());
        return new AgentsReply(routing.queries().agents().stream().map(RoutingViews::agent).toList(),
                routing.queries().availableAgents());
    }

    private Object setSettings(SocketEvents.Call call) {
        User me = requireStaff(call.me());
        ObjectNode p = call.payload();
        UserId agent = Args.text(p, "agentId").isPresent() ? Args.userId(p, "agentId") : me.id();
        if (!agent.equals(me.id()) && me.role() != Role.ADMIN) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "only admins change other agents' settings");
        }
        Optional<Long> maxChats = Args.number(p, "maxChats");
        Optional<Set<Department>> departments = departments(p);
        if (maxChats.isEmpty() && departments.isEmpty()) throw SwitchboardException.invalid("maxChats or departments is required");
        if (maxChats.isPresent() && (maxChats.get() < 1 || maxChats.get() > 100)) {
            throw SwitchboardException.invalid("maxChats must be 1..100");
        }
        routing.queries().agent(agent).orElseThrow(() ->
                SwitchboardException.notFound(ErrorCode.AGENT_NOT_FOUND, "agent " + agent));
        maxChats.ifPresent(n -> routing.setMaxChats(agent, n.intValue()));
        departments.ifPresent(d -> routing.setDepartments(agent, d));
        return agentReply(agent);
    }

    private static Optional<Set<Department>> departments(ObjectNode p) {
        JsonNode list = p.get("departments");
        if (list == null || list.isNull()) return Optional.empty();
        if (!list.isArray() || list.size() > 50) throw SwitchboardException.invalid("departments must be a list of up to 50 names");
        Set<Department> set = new LinkedHashSet<>();
        for (JsonNode d : list) {
            if (!d.isTextual()) throw SwitchboardException.invalid("departments must be a list of names");
            Department department = Department.of(d.asText());
            if (!department.isGeneral()) set.add(department);
        }
        return Optional.of(set);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private AgentReply agentReply(UserId agent) {
        return new AgentReply(routing.queries().agent(agent).map(RoutingViews::agent).orElse(null));
    }

    private EntryReply current(QueueEntryId id) {
        if (id == null) return new EntryReply(null);
        return new EntryReply(routing.queries().entry(id)
                .map(e -> RoutingViews.entry(e, routing.conversationOf(id).orElse(null))).orElse(null));
    }

    List<RoutingViews.Entry> entries(List<QueueEntry> queue) {
        return RoutingViews.entries(queue, id -> routing.conversationOf(id).orElse(null));
    }

    static QueueEntryId entryId(ObjectNode p) {
        String id = Args.requiredText(p, "entryId", "id").trim();
        return new QueueEntryId(id);
    }

    static User requireCustomer(User me) {
        if (me.role() != Role.CUSTOMER) throw new SwitchboardException(ErrorCode.FORBIDDEN, "only customers join the queue");
        return me;
    }

    static User requireStaff(User me) {
        if (!isStaff(me)) throw new SwitchboardException(ErrorCode.FORBIDDEN, "only agents and admins do this");
        return me;
    }
}
