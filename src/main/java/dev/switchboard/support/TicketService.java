package dev.switchboard.support;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Page;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tickets as people work them (C7): list, read, change status / priority / subject, assign. Who may
 * do what: agents and admins act on any support chat; a customer sees only their own and may only
 * close it or reopen it (never priority, subject or assignment). Blocks on storage: call it from a
 * virtual thread. Every change is announced through {@link SupportChatService}'s listeners.
 */
public final class TicketService {
    public static final int MAX_PAGE = 100;

    private final SupportChatStore store;
    private final SupportChatService chats;
    private final UserStore users;
    private final Clock clock;

    public TicketService(SupportChatStore store, SupportChatService chats, UserStore users, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.chats = Objects.requireNonNull(chats);
        this.users = Objects.requireNonNull(users);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A chat {@code me} may see: staff any, a customer their own (others look unknown). */
    public Ticket get(User me, ConversationId id) {
        return view(requireVisible(me, id), me);
    }

    /** The chat as anyone of that side would see it: for announcements to a whole side. */
    public Ticket asSeenBy(SupportChat chat, boolean staffView) {
        Map<UserId, User> people = people(List.of(chat));
        return ticket(chat, people, staffView);
    }

    /** Staff: every chat matching the filter; a customer: their own chats only, whatever the filter says. */
    public Page<Ticket> list(User me, TicketFilter filter, String cursor, int limit) {
        if (limit < 1) throw SwitchboardException.invalid("limit must be >= 1");
        if (filter.text() != null && filter.text().length() > TicketFilter.MAX_TEXT) {
            throw SwitchboardException.invalid("q must be at most " + TicketFilter.MAX_TEXT + " characters");
        }
        boolean staff = isStaff(me);
        if (!staff && me.role() != Role.CUSTOMER) throw new SwitchboardException(ErrorCode.FORBIDDEN);
        TicketFilter scoped = staff ? filter : new TicketFilter(filter.status(), filter.priority(), null, false,
                me.id(), filter.text());
        Page<SupportChat> page = store.list(scoped, me.id(), cursor, Math.min(limit, MAX_PAGE));
        Map<UserId, User> people = people(page.items());
        List<Ticket> tickets = page.items().stream().map(c -> ticket(c, people, staff)).toList();
        return new Page<>(tickets, page.nextCursor());
    }

    /**
     * Changes status, priority and/or subject (null: unchanged). The status follows the workflow
     * ({@link TicketStatus#canMoveTo}; INVALID_TRANSITION otherwise); a customer may only close or
     * reopen their own chat. Nothing to change returns the ticket as it is, announcing nothing.
     */
    public Ticket update(User me, ConversationId id, TicketStatus status, Priority priority, String subject) {
        if (status == null && priority == null && subject == null) {
            throw SwitchboardException.invalid("status, priority or subject is required");
        }
        String newSubject = subject == null ? null : SupportChatService.subject(subject);
        SupportChat before = requireVisible(me, id);
        boolean staff = isStaff(me);
        if (!staff && (priority != null || subject != null
                || (status != null && status != TicketStatus.CLOSED && status != TicketStatus.OPEN))) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "customers may only close or reopen their chat");
        }
        if (status != null && status != before.status() && !before.status().canMoveTo(status)) {
            throw new SwitchboardException(ErrorCode.INVALID_TRANSITION,
                    "cannot move a support chat from " + before.status().wire() + " to " + status.wire());
        }
        SupportChat after = before;
        Instant now = now();
        if (priority != null && priority != after.priority() || newSubject != null && !newSubject.equals(after.subject())) {
            after = store.update(id, priority, newSubject, now).orElseThrow(SupportChatService::notFound);
        }
        if (status != null && status != after.status()) {
            after = store.setStatus(id, status, now).orElseThrow(SupportChatService::notFound);
        }
        if (after != before) chats.publish(after, before, false);
        return view(after, me);
    }

    /**
     * Staff open a chat they do not serve: they become a participant (reading and writing it, notes
     * included) without becoming its assignee. Customers: FORBIDDEN.
     */
    public Ticket join(User me, ConversationId id) {
        if (!isStaff(me)) throw new SwitchboardException(ErrorCode.FORBIDDEN, "only agents and admins join chats");
        return view(chats.joinAsStaff(me.id(), id), me);
    }

    /** Staff assign a chat to an agent or admin ({@code assignee} null: to themselves). */
    public Ticket assign(User me, ConversationId id, UserId assignee) {
        if (!isStaff(me)) throw new SwitchboardException(ErrorCode.FORBIDDEN, "only agents and admins assign");
        return view(chats.assign(me.id(), id, assignee == null ? me.id() : assignee), me);
    }

    /** The longest range statistics cover at once. */
    public static final java.time.Duration MAX_STATS_RANGE = java.time.Duration.ofDays(366);

    /** Admins only: statistics of chats created in [from, to) (null: the 30 days up to now). */
    public TicketStats stats(User me, Instant from, Instant to) {
        if (me.role() != Role.ADMIN || !me.isActive()) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "only admins see statistics");
        }
        Instant end = to == null ? now() : to;
        Instant start = from == null ? end.minus(java.time.Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) throw SwitchboardException.invalid("from must be before to");
        if (java.time.Duration.between(start, end).compareTo(MAX_STATS_RANGE) > 0) {
            throw SwitchboardException.invalid("the range is at most 366 days");
        }
        return store.stats(start, end);
    }

    static boolean isStaff(User user) {
        return SupportChatService.isSupportStaff(user.role()) && user.isActive();
    }

    private SupportChat requireVisible(User me, ConversationId id) {
        SupportChat chat = store.findById(id).orElseThrow(SupportChatService::notFound);
        if (isStaff(me) || chat.customer().equals(me.id())) return chat;
        throw SupportChatService.notFound(); // others learn nothing, not even that it exists
    }

    private Ticket view(SupportChat chat, User me) {
        return ticket(chat, people(List.of(chat)), isStaff(me));
    }

    private Ticket ticket(SupportChat chat, Map<UserId, User> people, boolean staffView) {
        User customer = people.get(chat.customer());
        if (customer == null) throw SwitchboardException.notFound(ErrorCode.USER_NOT_FOUND, "customer");
        return new Ticket(chat, customer, chat.assignee() == null ? null : people.get(chat.assignee()),
                store.lastMessage(chat.id(), staffView).orElse(null), staffView,
                staffView ? null : store.staffLastReadSeq(chat.id(), chat.customer()));
    }

    private Map<UserId, User> people(List<SupportChat> list) {
        Set<UserId> ids = new HashSet<>();
        for (SupportChat c : list) {
            ids.add(c.customer());
            if (c.assignee() != null) ids.add(c.assignee());
        }
        return ids.isEmpty() ? Map.of() : users.findAll(new ArrayList<>(ids));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
