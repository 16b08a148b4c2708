package dev.switchboard.dialect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.identity.User;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.Ticket;
import dev.switchboard.support.TicketService;
import dev.switchboard.support.TicketStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The native wire shape of a ticket (docs/protocol.md, "Tickets"). */
public final class TicketViews {
    private TicketViews() {}

    public record CustomerView(String id, String name, String email) {}

    public record AssigneeView(String id, String name) {}

    /**
     * A ticket. {@code assignee} is null (present) when unassigned; {@code unreadCount} is the
     * viewer's side's; {@code unreadByStaff} and {@code unreadByCustomer} are shown to staff only,
     * {@code staffLastReadSeq} to the customer only.
     */
    public record TicketView(
            String id, String conversationId, CustomerView customer,
            @JsonInclude(JsonInclude.Include.ALWAYS) AssigneeView assignee, String department, String subject,
            String priority, String status, long unreadCount, Views.MessageView lastMessage, Instant createdAt,
            Instant updatedAt, Instant firstResponseAt, Instant resolvedAt, Instant closedAt, Long unreadByStaff,
            Long unreadByCustomer, Long staffLastReadSeq) {}

    public record Totals(long chats, long messages, long notes) {}

    public record Day(String date, long count) {}

    public record Durations(long count, Double median, Double p90) {}

    public record Load(AssigneeView assignee, long open, long inProgress) {}

    /** Payload of ticket:stats and GET /api/v1/chats/admin/stats (docs/protocol.md). */
    public record StatsView(
            Instant from, Instant to, Totals totals, List<Day> chatsPerDay, Durations firstResponseSeconds,
            Durations resolutionSeconds, Map<String, Long> statusDistribution, List<Load> workload) {}

    public static StatsView stats(TicketStats s) {
        Map<String, Long> statuses = new LinkedHashMap<>();
        s.statuses().forEach((status, n) -> statuses.put(status.wire(), n));
        return new StatsView(s.from(), s.to(), new Totals(s.chats(), s.messages(), s.notes()),
                s.perDay().stream().map(d -> new Day(d.day().toString(), d.chats())).toList(),
                durations(s.firstResponse()), durations(s.resolution()), statuses,
                s.workload().stream().map(w -> new Load(new AssigneeView(w.assignee().value(), w.name()), w.open(),
                        w.inProgress())).toList());
    }

    /** ticket:stats {from?, to?} (ISO-8601 instants) for an admin. */
    public static StatsView stats(TicketService tickets, User me, ObjectNode p) {
        return stats(tickets.stats(me, instant(p, "from"), instant(p, "to")));
    }

    private static Instant instant(ObjectNode p, String name) {
        String raw = Args.text(p, name).orElse(null);
        if (raw == null || raw.isBlank()) return null;
        try {
            return Instant.parse(raw.trim());
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(raw.trim()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (java.time.format.DateTimeParseException again) {
                throw dev.switchboard.common.SwitchboardException.invalid(name + " must be an ISO-8601 instant or date");
            }
        }
    }

    private static Durations durations(TicketStats.Durations d) {
        return new Durations(d.count(), d.medianSeconds(), d.p90Seconds());
    }

    public static TicketView ticket(Ticket t) {
        SupportChat c = t.chat();
        return new TicketView(c.id().value(), c.id().value(),
                new CustomerView(t.customer().id().value(), t.customer().name(), t.customer().email()),
                t.assignee() == null ? null : new AssigneeView(t.assignee().id().value(), t.assignee().name()),
                c.department(), c.subject(), c.priority().wire(), c.status().wire(), t.unreadCount(),
                t.lastMessage() == null ? null : Views.message(t.lastMessage()), c.createdAt(), c.updatedAt(),
                c.firstResponseAt(), c.resolvedAt(), c.closedAt(), t.staffView() ? c.unreadByStaff() : null,
                t.staffView() ? c.unreadByCustomer() : null, t.staffLastReadSeq());
    }
}
