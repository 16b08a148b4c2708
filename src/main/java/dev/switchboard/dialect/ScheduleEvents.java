package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.RoutingService;
import dev.switchboard.routing.ScheduleService;
import dev.switchboard.routing.Shift;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.TicketService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Schedules and hours (C8): native {@code schedule:get} / {@code schedule:set} with
 * {@code schedule:updated}, seed 000's {@code updateTechnicianSchedule} (in and out), and the
 * offline path {@code queue:leave_message}, which turns a message into an open ticket.
 */
public final class ScheduleEvents {
    /** Seed 000's slots name a start ({@code {date, time}}); each one is a shift of this length. */
    static final Duration SEED_SLOT = Duration.ofHours(1);
    private static final DateTimeFormatter SEED_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("h:mm a").toFormatter(Locale.US);
    private static final int MAX_LEAVE_MESSAGE_SUBJECT = SupportChat.MAX_SUBJECT;

    private final ScheduleService schedules;
    private final RoutingService routing;
    private final SupportChatService support;
    private final TicketService tickets;
    private final Delivery delivery;

    public ScheduleEvents(ScheduleService schedules, RoutingService routing, SupportChatService support,
            TicketService tickets, Delivery delivery) {
        this.schedules = schedules;
        this.routing = routing;
        this.support = support;
        this.tickets = tickets;
        this.delivery = delivery;
    }

    public void register(SocketEvents events) {
        events.on(Dialect.NATIVE, "schedule:get", this::get);
        events.on(Dialect.NATIVE, "schedule:set", this::set);
        events.on(Dialect.NATIVE, "queue:leave_message", this::leaveMessage);
        events.on(Dialect.SEED000, "updateTechnicianSchedule", this::seedUpdate);
    }

    public record ShiftView(String id, String agentId, Instant startsAt, Instant endsAt, String note) {}

    public record Schedule(String agentId, List<ShiftView> shifts) {}

    public record Upcoming(List<ShiftView> shifts) {}

    /** Seed 000's schedule slot, with who it belongs to. */
    public record Slot(String date, String time, String technicianId, String name, Instant startsAt, Instant endsAt) {}

    public record Ticket(TicketViews.TicketView ticket) {}

    // ---- schedules --------------------------------------------------------------------------------

    /** {@code schedule:get {agentId?}}: one agent's shifts; without an id, one's own (staff) or everyone's upcoming. */
    private Object get(SocketEvents.Call call) {
        ObjectNode p = call.payload();
        if (Args.text(p, "agentId").isPresent()) {
            UserId agent = Args.userId(p, "agentId");
            return new Schedule(agent.value(), views(schedules.of(agent)));
        }
        if (QueueEvents.isStaff(call.me())) return new Schedule(call.me().id().value(), views(schedules.of(call.me().id())));
        return new Upcoming(views(schedules.upcoming()));
    }

    private Object set(SocketEvents.Call call) {
        ObjectNode p = call.payload();
        UserId agent = Args.text(p, "agentId").isPresent() ? Args.userId(p, "agentId") : call.me().id();
        JsonNode list = p.get("shifts");
        if (list == null || !list.isArray()) throw SwitchboardException.invalid("shifts must be a list");
        if (list.size() > ScheduleService.MAX_SHIFTS) throw SwitchboardException.invalid("at most " + ScheduleService.MAX_SHIFTS + " shifts");
        List<ScheduleService.ShiftRequest> requests = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isObject()) throw SwitchboardException.invalid("each shift must be an object");
            ObjectNode shift = (ObjectNode) item;
            requests.add(new ScheduleService.ShiftRequest(instant(shift, "startsAt"), instant(shift, "endsAt"),
                    Args.text(shift, "note").orElse("")));
        }
        return updated(call.me(), agent, requests);
    }

    /**
     * Seed 000's {@code updateTechnicianSchedule}: an array of {@code {date: "2023-10-01", time:
     * "10:00 AM"}} slots (or {@code {schedule: [...]}}) becomes the caller's shifts, one hour each,
     * in UTC. Everyone speaking seed 000 gets the whole upcoming schedule back in the seed's shape.
     */
    private Object seedUpdate(SocketEvents.Call call) {
        User me = QueueEvents.requireStaff(call.me());
        JsonNode first = call.args().isEmpty() ? null : call.args().get(0);
        JsonNode slots = first != null && first.isObject() ? first.get("schedule") : first;
        if (slots == null || !slots.isArray()) throw SwitchboardException.invalid("the schedule must be a list of {date, time}");
        if (slots.size() > ScheduleService.MAX_SHIFTS) throw SwitchboardException.invalid("at most " + ScheduleService.MAX_SHIFTS + " slots");
        List<ScheduleService.ShiftRequest> requests = new ArrayList<>();
        for (JsonNode slot : slots) {
            if (!slot.isObject()) throw SwitchboardException.invalid("each slot must be an object {date, time}");
            Instant start = seedStart(Args.requiredText((ObjectNode) slot, "date"), Args.requiredText((ObjectNode) slot, "time"));
            requests.add(new ScheduleService.ShiftRequest(start, start.plus(SEED_SLOT), Args.text((ObjectNode) slot, "note").orElse("")));
        }
        updated(me, me.id(), requests);
        return seedSchedule();
    }

    private Schedule updated(User actor, UserId agent, List<ScheduleService.ShiftRequest> requests) {
        Schedule schedule = new Schedule(agent.value(), views(schedules.set(actor, agent, requests)));
        delivery.toAll(Dialect.NATIVE, "schedule:updated", schedule);
        delivery.toAll(Dialect.SEED000, "updateTechnicianSchedule", seedSchedule());
        return schedule;
    }

    private List<Slot> seedSchedule() {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("hh:mm a", Locale.US);
        return schedules.upcoming().stream().map(s -> new Slot(s.startsAt().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                time.format(s.startsAt().atOffset(ZoneOffset.UTC)), s.agent().value(),
                routing.queries().agent(s.agent()).map(Agent::name).orElse(""), s.startsAt(), s.endsAt())).toList();
    }

    static Instant seedStart(String date, String time) {
        try {
            LocalDate day = LocalDate.parse(date.trim());
            String t = time.trim();
            LocalTime at = t.toUpperCase(Locale.ROOT).endsWith("M") ? LocalTime.parse(t, SEED_TIME) : LocalTime.parse(t);
            return day.atTime(at).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw SwitchboardException.invalid("a slot needs date YYYY-MM-DD and time like 10:00 AM or 14:00");
        }
    }

    private static Instant instant(ObjectNode p, String field) {
        String text = Args.requiredText(p, field);
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw SwitchboardException.invalid(field + " must be an ISO-8601 instant like 2026-11-23T09:00:00Z");
        }
    }

    private static List<ShiftView> views(List<Shift> shifts) {
        return shifts.stream().map(s -> new ShiftView(s.id(), s.agent().value(), s.startsAt(), s.endsAt(), s.note())).toList();
    }

    // ---- the offline path -------------------------------------------------------------------------

    /**
     * {@code queue:leave_message}: the customer's message becomes an open ticket (their current
     * support chat, with the message as theirs) for the next agent; a customer still waiting leaves
     * the queue. Staff hear {@code queue:message_left}.
     */
    private Object leaveMessage(SocketEvents.Call call) {
        User me = QueueEvents.requireCustomer(call.me());
        ObjectNode p = call.payload();
        String text = Args.requiredText(p, "message", "text");
        String subject = Args.text(p, "subject", "topic").orElse(null);
        if (subject != null && subject.length() > MAX_LEAVE_MESSAGE_SUBJECT) {
            throw SwitchboardException.invalid("subject must be at most " + MAX_LEAVE_MESSAGE_SUBJECT + " characters");
        }
        SupportChat chat = support.leaveMessage(me.id(), Args.text(p, "department").orElse(null), subject, text);
        if (routing.queries().activeEntry(me.id()).map(e -> e.state().isQueued()).orElse(false)) routing.leave(me.id());
        delivery.toStaff(Dialect.NATIVE, "queue:message_left",
                new Ticket(TicketViews.ticket(tickets.asSeenBy(chat, true))));
        return new Ticket(TicketViews.ticket(tickets.get(me, chat.id())));
    }
}
