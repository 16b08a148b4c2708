package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.Page;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.Priority;
import dev.switchboard.support.Ticket;
import dev.switchboard.support.TicketFilter;
import dev.switchboard.support.TicketService;
import dev.switchboard.support.TicketStatus;
import java.util.List;

/**
 * The native {@code ticket:*} events (C7, C9). Changes are announced by {@link TicketAnnouncer},
 * whichever path made them; the handlers only translate.
 */
public final class TicketEvents {
    static final int DEFAULT_PAGE = 50;

    private final TicketService tickets;

    public TicketEvents(TicketService tickets) {
        this.tickets = tickets;
    }

    public record TicketsPage(List<TicketViews.TicketView> tickets, String nextCursor) {}

    public void register(SocketEvents events) {
        events.on(Dialect.NATIVE, "ticket:list", this::list);
        events.on(Dialect.NATIVE, "ticket:get", call -> view(tickets.get(call.me(), Args.conversationId(call.payload()))));
        events.on(Dialect.NATIVE, "ticket:update", this::update);
        events.on(Dialect.NATIVE, "ticket:assign", this::assign);
        events.on(Dialect.NATIVE, "ticket:join", call -> view(tickets.join(call.me(), Args.conversationId(call.payload()))));
        events.on(Dialect.NATIVE, "ticket:stats", call -> TicketViews.stats(tickets, call.me(), call.payload()));
    }

    private Object list(SocketEvents.Call call) {
        ObjectNode p = call.payload();
        Page<Ticket> page = tickets.list(call.me(), filter(call.me(), p), Args.text(p, "cursor").orElse(null),
                Args.limit(p, DEFAULT_PAGE));
        return new TicketsPage(page.items().stream().map(TicketViews::ticket).toList(), page.nextCursor());
    }

    private Object update(SocketEvents.Call call) {
        ObjectNode p = call.payload();
        return view(tickets.update(call.me(), Args.conversationId(p),
                Args.text(p, "status").map(TicketStatus::fromWire).orElse(null),
                Args.text(p, "priority").map(Priority::fromWire).orElse(null),
                Args.text(p, "subject").orElse(null)));
    }

    private Object assign(SocketEvents.Call call) {
        ObjectNode p = call.payload();
        UserId assignee = Args.text(p, "assigneeId", "adminId", "agentId").isPresent()
                ? Args.userId(p, "assigneeId", "adminId", "agentId") : null;
        return view(tickets.assign(call.me(), Args.conversationId(p), assignee));
    }

    /** status, priority, assigneeId ("me", "none" or an id) and q, as ticket:list and the REST list take them. */
    public static TicketFilter filter(User me, ObjectNode p) {
        TicketStatus status = Args.text(p, "status").map(TicketStatus::fromWire).orElse(null);
        Priority priority = Args.text(p, "priority").map(Priority::fromWire).orElse(null);
        String assignee = Args.text(p, "assigneeId", "assignee").map(String::trim).orElse(null);
        String q = Args.text(p, "q", "search", "text").orElse(null);
        boolean none = "none".equalsIgnoreCase(assignee);
        UserId who = assignee == null || none ? null : "me".equalsIgnoreCase(assignee) ? me.id() : new UserId(assignee);
        return new TicketFilter(status, priority, who, none, null, q);
    }

    private static Object view(Ticket ticket) {
        return TicketViews.ticket(ticket);
    }
}
