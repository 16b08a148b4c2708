package dev.switchboard.support;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rules of support chats (tickets, C7) that other features build on: opening a customer's
 * current chat (routing's queue and the offline "leave a message" path), assigning it (by a person,
 * or by routing without an actor), and resolving it when a live session ends. Every method blocks on
 * storage: call it from a virtual thread. Failures are {@link SwitchboardException}s raised before
 * anything is written.
 *
 * <p>Support staff are agents and admins; only they may be assigned or assign. A customer has at
 * most one chat that is not closed; opening again continues it (a resolved one is reopened).
 */
public final class SupportChatService {
    public static final int MAX_DEPARTMENT = 64;
    public static final int MAX_DETAILS = 20_000;
    public static final String DEFAULT_SUBJECT = "Support request";
    private static final int ASSIGN_ATTEMPTS = 5;

    private final SupportChatStore store;
    private final UserStore users;
    private final ConversationService conversations;
    private final Clock clock;
    private final List<SupportChatListener> listeners = new CopyOnWriteArrayList<>();
    private final ChatWriters writers = new ChatWriters();

    public SupportChatService(SupportChatStore store, UserStore users, ConversationService conversations,
            Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.users = Objects.requireNonNull(users);
        this.conversations = Objects.requireNonNull(conversations);
        this.clock = Objects.requireNonNull(clock);
    }

    /** {@code listener} hears of every chat created or changed through this service from now on. */
    public void addListener(SupportChatListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Tells the listeners; for {@link TicketService}, which changes chats through the store too. */
    void publish(SupportChat chat, SupportChat before, boolean created) {
        for (SupportChatListener listener : listeners) listener.changed(chat, before, created);
    }

    /** Whether a role may serve support chats: agents and admins. */
    public static boolean isSupportStaff(Role role) {
        return role == Role.AGENT || role == Role.ADMIN;
    }

    /**
     * The customer's current support chat, created when there is none (status open, unassigned); a
     * resolved one is reopened. {@code subject} (null or blank: a default) and {@code detailsJson}
     * (null: {@code {}}) apply only to a new chat.
     */
    public SupportChat openForQueue(UserId customer, String department, String subject, String detailsJson) {
        requireCustomer(customer);
        SupportChatStore.NewSupportChat candidate = new SupportChatStore.NewSupportChat(customer,
                department(department), subject(subject), Priority.MEDIUM, details(detailsJson), now());
        SupportChat chat = store.findOrCreateCurrent(candidate);
        // the store stamps a chat it creates with the candidate's time, which is this call's own
        if (chat.createdAt().equals(candidate.at())) {
            publish(chat, null, true);
        } else if (chat.status() == TicketStatus.RESOLVED) {
            SupportChat before = chat;
            chat = store.setStatus(chat.id(), TicketStatus.OPEN, now()).orElseThrow(SupportChatService::notFound);
            publish(chat, before, false);
        }
        return chat;
    }

    /**
     * The offline path: the customer's current chat (as {@link #openForQueue}) with {@code text}
     * stored as the customer's message, so the next agent finds an open ticket.
     */
    public SupportChat leaveMessage(UserId customer, String department, String subject, String text) {
        if (text == null || text.isBlank()) throw SwitchboardException.invalid("message text is empty");
        SupportChat chat = openForQueue(customer, department, subject, null);
        conversations.send(customer, chat.id(), text, null);
        return store.findById(chat.id()).orElseThrow(SupportChatService::notFound);
    }

    /**
     * {@code actor} (agent or admin) makes {@code agent} (agent or admin) the assignee; assigning to
     * another agent is a transfer. The agent becomes a participant (earlier ones stay); the first
     * assignment moves an open chat to in_progress. A closed chat cannot be assigned.
     */
    public SupportChat assign(UserId actor, ConversationId id, UserId agent) {
        requireStaff(actor, ErrorCode.FORBIDDEN);
        requireStaff(agent, ErrorCode.VALIDATION_FAILED);
        for (int attempt = 1; attempt <= ASSIGN_ATTEMPTS; attempt++) {
            SupportChat chat = find(id).orElseThrow(SupportChatService::notFound);
            requireNotClosed(chat);
            if (agent.equals(chat.assignee())) return chat;
            Optional<SupportChat> assigned = store.assign(id, chat.assignee(), agent, now());
            if (assigned.isPresent()) return assigned(assigned.get(), chat);
            // somebody else assigned it meanwhile; a person's explicit choice wins over that
        }
        throw new SwitchboardException(ErrorCode.CONFLICT);
    }

    /**
     * Routing's assignment: no actor check, and only while the assignee is still
     * {@code expectedAssignee} (null: unassigned). ALREADY_ASSIGNED when somebody else changed it
     * first; CONVERSATION_NOT_FOUND for an unknown chat.
     */
    public SupportChat assignByRouting(ConversationId id, UserId expectedAssignee, UserId agent) {
        requireStaff(agent, ErrorCode.VALIDATION_FAILED);
        SupportChat chat = find(id).orElseThrow(SupportChatService::notFound);
        requireNotClosed(chat);
        return store.assign(id, expectedAssignee, agent, now()).map(after -> assigned(after, chat))
                .orElseThrow(() -> new SwitchboardException(ErrorCode.ALREADY_ASSIGNED));
    }

    /**
     * Staff ({@code actor}, agent or admin) open a support chat they do not serve yet: they become a
     * participant (able to read and write it) without becoming the assignee.
     */
    public SupportChat joinAsStaff(UserId actor, ConversationId id) {
        requireStaff(actor, ErrorCode.FORBIDDEN);
        SupportChat chat = find(id).orElseThrow(SupportChatService::notFound);
        if (store.addParticipant(id, actor, now())) conversations.participantsChanged(id);
        return chat;
    }

    /** The live session ended: an open or in-progress chat becomes resolved; others are returned unchanged. */
    public SupportChat resolveByRouting(ConversationId id) {
        SupportChat chat = find(id).orElseThrow(SupportChatService::notFound);
        if (chat.status() != TicketStatus.OPEN && chat.status() != TicketStatus.IN_PROGRESS) return chat;
        SupportChat resolved = store.setStatus(id, TicketStatus.RESOLVED, now()).orElseThrow(SupportChatService::notFound);
        publish(resolved, chat, false);
        return resolved;
    }

    /** The customer's chat that is not closed, if any. No permission check: callers pass the caller's own id. */
    public Optional<SupportChat> current(UserId customer) {
        return store.findCurrent(customer);
    }

    /** A support chat by id, without permission checks (for server-side callers such as routing). */
    public Optional<SupportChat> find(ConversationId id) {
        return store.findById(id);
    }

    /**
     * Who writes in a support chat: remembered, or read ({@link SupportChatStore#writers}: no wait for
     * pending messages); empty when the conversation is no support chat.
     */
    public Optional<SupportChatStore.Writers> writers(ConversationId id) {
        return writers.get(id, store::writers);
    }

    /** {@link #writers} if remembered (no read, for an event loop), else null. */
    public SupportChatStore.Writers rememberedWriters(ConversationId id) {
        return writers.remembered(id);
    }

    private SupportChat assigned(SupportChat chat, SupportChat before) {
        writers.assigned(chat.id());
        conversations.participantsChanged(chat.id());
        publish(chat, before, false);
        return chat;
    }

    private void requireCustomer(UserId id) {
        User user = users.findById(id).orElseThrow(() -> SwitchboardException.notFound(ErrorCode.USER_NOT_FOUND, "user"));
        if (user.role() != Role.CUSTOMER) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "only customers open support chats");
        }
    }

    User requireStaff(UserId id, ErrorCode otherwise) {
        User user = users.findById(id).orElseThrow(() -> SwitchboardException.notFound(ErrorCode.USER_NOT_FOUND, "user"));
        if (!isSupportStaff(user.role()) || !user.isActive()) {
            throw new SwitchboardException(otherwise, otherwise == ErrorCode.FORBIDDEN
                    ? "only agents and admins may do this" : "support chats are assigned to agents and admins only");
        }
        return user;
    }

    static void requireNotClosed(SupportChat chat) {
        if (chat.status() == TicketStatus.CLOSED) {
            throw new SwitchboardException(ErrorCode.INVALID_TRANSITION, "the support chat is closed; reopen it first");
        }
    }

    static String department(String department) {
        String d = department == null ? "" : department.trim();
        if (d.length() > MAX_DEPARTMENT || d.indexOf('\0') >= 0) {
            throw SwitchboardException.invalid("department must be at most " + MAX_DEPARTMENT + " characters");
        }
        return d;
    }

    static String subject(String subject) {
        if (subject == null || subject.isBlank()) return DEFAULT_SUBJECT;
        String s = subject.strip();
        if (s.codePointCount(0, s.length()) > SupportChat.MAX_SUBJECT || s.length() > SupportChat.MAX_SUBJECT
                || s.indexOf('\0') >= 0) {
            throw SwitchboardException.invalid("subject must be at most " + SupportChat.MAX_SUBJECT + " characters");
        }
        return s;
    }

    private static String details(String json) {
        if (json == null || json.isBlank()) return "{}";
        String d = json.strip();
        if (d.length() > MAX_DETAILS || !d.startsWith("{") || !d.endsWith("}") || d.indexOf('\0') >= 0) {
            throw SwitchboardException.invalid("details must be a JSON object of at most " + MAX_DETAILS + " characters");
        }
        return d;
    }

    static SwitchboardException notFound() {
        return SwitchboardException.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "support chat");
    }

    // Both databases keep microseconds; truncating makes what we return equal what we read back.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
