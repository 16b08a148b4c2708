package dev.switchboard.routing;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatListener;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.TicketStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live desk (C5): the {@link RoutingEngine} wired to storage, support chats, timers and the
 * people concerned. Every command runs under one lock, in four steps: the engine decides; the
 * entries and agents that changed are stored in one transaction ({@link RoutingStore}); support
 * chats follow (assigned, resolved); only then is the batch handed to the {@link RoutingListener}s,
 * so nothing is announced that is not stored. Methods block on I/O: call them from a virtual thread.
 *
 * <p>When storing fails, the engine has already moved (it is the live truth while the process runs):
 * the command answers UNAVAILABLE, its changes stay pending and are stored and announced with the
 * next command or timer run (the timer then retries within a second), in order. A caller may repeat
 * the command: repeating one that took effect changes nothing.
 */
public final class RoutingService implements SupportChatListener, AutoCloseable {
    private final RoutingEngine engine;
    private final SupportChatService support;
    private final RoutingStore store;
    private final RoutingJournal journal;
    private final RoutingTimer timer;
    private static final Logger log = LoggerFactory.getLogger(RoutingService.class);
    private final ReentrantLock lock = new ReentrantLock();
    private volatile BooleanSupplier onShift = () -> false;
    private volatile List<DepartmentChoice> departments = List.of();

    public RoutingService(RoutingEngine engine, RoutingStore store, SupportChatService support, Clock clock,
            Scheduler scheduler) {
        this.engine = Objects.requireNonNull(engine);
        this.support = Objects.requireNonNull(support);
        this.store = Objects.requireNonNull(store);
        this.journal = new RoutingJournal(engine, store, support, clock);
        this.timer = new RoutingTimer(clock, scheduler, this::timerFired);
    }

    /** Runs a task once after a delay, off the caller's thread (a virtual thread: the task blocks on storage). */
    @FunctionalInterface
    public interface Scheduler {
        Future<?> schedule(Runnable task, Duration delay);
    }

    /** Adds a listener; add them all before {@link #start()}. */
    public void listen(RoutingListener listener) {
        journal.listen(listener);
    }

    /** Loads the stored queue and agents into the engine; call once, before the first connection. */
    public void start() {
        locked(journal::restore);
    }

    public RoutingQueries queries() {
        return engine.queries();
    }

    public RoutingSettings settings() {
        return engine.settings();
    }

    /** The support chat of an entry (active, or final ones seen since start-up). */
    public Optional<ConversationId> conversationOf(QueueEntryId entry) {
        return journal.conversationOf(entry);
    }

    /** The active entry of a support chat. */
    public Optional<QueueEntry> entryOf(ConversationId conversation) {
        return journal.activeEntryOf(conversation).flatMap(engine.queries()::entry);
    }

    /** Also counts as staffed: somebody's shift covers now (schedules; set once, at wiring). */
    public void staffedAlsoWhen(BooleanSupplier onShift) {
        this.onShift = Objects.requireNonNull(onShift);
    }

    /**
     * Whether anyone staffs the desk now: an agent connected and not offline, or on shift by the
     * schedules. A customer nobody can take is told so, to wait (staffed) or leave a message (not).
     */
    public boolean staffed() {
        return engine.queries().agents().stream()
                .anyMatch(a -> a.connections() > 0 && a.availability() != Availability.OFFLINE)
                || onShift.getAsBoolean();
    }

    // ---- customers ------------------------------------------------------------------------------

    /** What a customer sees after joining or calling: their entry and their support chat. */
    public record Joined(QueueEntry entry, SupportChat chat) {}

    /**
     * The customer joins the queue (native {@code queue:join}, seed 000 {@code joinLiveChatQueue}):
     * their current support chat is opened (or continued) first, then the entry. Joining again
     * while in the queue keeps the entry and its place.
     */
    public Joined join(User customer, QueueRequest request, String subject) {
        requireOffered(request.department());
        return enter(customer, request, subject, () -> engine.join(request));
    }

    /** The customer calls for an agent (seed 002 {@code callAgent}): routed automatically. */
    public Joined call(User customer, QueueRequest request, String subject) {
        requireOffered(request.department());
        return enter(customer, request, subject, () -> engine.call(request));
    }

    /** The departments customers may choose (setting DEPARTMENTS); none configured: any. Set before start. */
    public void offerDepartments(List<DepartmentChoice> choices) {
        departments = List.copyOf(choices);
    }

    public List<DepartmentChoice> departments() {
        return departments;
    }

    /** With departments configured, a customer may only join one of them or the general one. */
    private void requireOffered(Department department) {
        List<DepartmentChoice> offered = departments;
        if (offered.isEmpty() || department.isGeneral()) return;
        if (offered.stream().noneMatch(c -> c.department().equals(department))) {
            throw SwitchboardException.invalid("department must be one of "
                    + offered.stream().map(c -> c.department().id()).toList() + " or empty");
        }
    }

    private Joined enter(User customer, QueueRequest request, String subject, Supplier<List<RoutingEvent>> command) {
        if (!customer.id().equals(request.customer())) throw new IllegalArgumentException("request of another customer");
        SupportChat chat = support.openForQueue(customer.id(), request.department().id(), subject,
                RoutingJournal.detailsJson(request.details()));
        return locked(() -> {
            journal.run(() -> {
                List<RoutingEvent> events = command.get();
                engine.queries().activeEntry(customer.id()).ifPresent(e -> journal.bind(e.id(), chat.id()));
                return events;
            });
            QueueEntry entry = engine.queries().activeEntry(customer.id())
                    .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_IN_QUEUE));
            ConversationId bound = journal.conversationOf(entry.id()).orElse(chat.id());
            return new Joined(entry, bound.equals(chat.id()) ? chat : support.find(bound).orElse(chat));
        });
    }

    /** The customer leaves the queue, or ends the chat being served; nothing without an active entry. */
    public void leave(UserId customer) {
        command(() -> engine.leave(customer));
    }

    /** Ends the live session of a support chat, by its customer or by the agent serving it. */
    public void end(UserId by, ConversationId conversation) {
        command(() -> engine.end(activeEntry(conversation), by));
    }

    /**
     * A support chat was resolved or closed by someone else (a ticket action, seed 003's REST): its
     * live session ends with it, the agent's slot is freed and both sides hear {@code queue:ended}
     * (by the agent serving it; a customer still waiting leaves the queue). Routing's own
     * resolution finds no session left and does nothing.
     */
    @Override
    public void changed(SupportChat chat, SupportChat before, boolean created) {
        if (created || before == null) return;
        if (chat.assignee() != null && !chat.assignee().equals(before.assignee())) followAssignment(chat);
        if (before.status() == chat.status()) return;
        if (chat.status() != TicketStatus.RESOLVED && chat.status() != TicketStatus.CLOSED) return;
        try {
            command(() -> journal.activeEntryOf(chat.id()).flatMap(engine.queries()::entry)
                    .map(e -> e.state() == EntryState.ASSIGNED ? engine.end(e.id(), e.agent()) : engine.leave(e.customer()))
                    .orElse(List.of()));
        } catch (SwitchboardException e) {
            log.warn("live session of support chat {} not ended: {}", chat.id(), e.code());
        }
    }

    /**
     * A support chat was assigned through the tickets (ticket:assign, seed 003, a reply that takes
     * it): a live session follows the assignee ({@code queue:transferred} to the customer and both
     * agents, or {@code queue:assigned} for a customer still waiting). Only a connected agent can
     * hold a live session: assigned to anyone else, a chat being served stays with its agent and
     * routing assigns the ticket back to them (a waiting customer keeps waiting). Routing's own
     * assignments find the session already theirs and change nothing; no live session, nothing.
     */
    private void followAssignment(SupportChat chat) {
        Optional<QueueEntry> entry = locked(() -> journal.activeEntryOf(chat.id()).flatMap(engine.queries()::entry));
        if (entry.isEmpty()) return;
        try {
            command(() -> engine.reassign(entry.get().id(), chat.assignee()));
        } catch (SwitchboardException e) {
            if (e.code() != ErrorCode.AGENT_NOT_AVAILABLE) {
                log.warn("live session of support chat {} not moved: {}", chat.id(), e.code());
                return;
            }
            UserId serving = entry.get().state() == EntryState.ASSIGNED ? entry.get().agent() : null;
            if (serving == null) return;
            try {
                support.assignByRouting(chat.id(), chat.assignee(), serving);
            } catch (SwitchboardException again) {
                log.warn("support chat {} not assigned back to {}: {}", chat.id(), serving, again.code());
            }
        }
    }

    // ---- agents taking customers ----------------------------------------------------------------

    public void pick(UserId agent, QueueEntryId entry) {
        command(() -> engine.pick(agent, entry));
    }

    /** {@link #pick} by the customer (seed 000 addresses customers, not entries). */
    public void pickCustomer(UserId agent, UserId customer) {
        command(() -> engine.pickCustomer(agent, customer));
    }

    public void accept(UserId agent, QueueEntryId entry) {
        command(() -> engine.accept(agent, entry));
    }

    public void reject(UserId agent, QueueEntryId entry) {
        command(() -> engine.reject(agent, entry));
    }

    /** Moves the chat to a named agent, or (null) to any agent who can take it now. */
    public void transfer(UserId from, ConversationId conversation, UserId to) {
        command(() -> to == null ? engine.transferToAny(from, activeEntry(conversation))
                : engine.transfer(from, activeEntry(conversation), to));
    }

    private QueueEntryId activeEntry(ConversationId conversation) {
        return journal.activeEntryOf(conversation).orElseThrow(() ->
                new SwitchboardException(ErrorCode.NOT_IN_QUEUE, "this support chat has no live session"));
    }

    // ---- agents ---------------------------------------------------------------------------------

    /** A staff connection opened: counts for routing from now on. */
    public void agentConnected(User agent, String connectionId) {
        command(() -> engine.agentConnected(agent.id(), agent.name(), connectionId));
    }

    public void agentDisconnected(UserId agent, String connectionId) {
        command(() -> engine.agentDisconnected(agent, connectionId));
    }

    public void setAvailability(UserId agent, Availability availability) {
        command(() -> engine.setAvailability(agent, availability));
    }

    public void setMaxChats(UserId agent, int maxChats) {
        command(() -> engine.setMaxChats(agent, maxChats));
    }

    public void setDepartments(UserId agent, Set<Department> departments) {
        command(() -> engine.setDepartments(agent, departments));
    }

    // ---- time -----------------------------------------------------------------------------------

    /** Applies what is due by the clock (the timer calls this; tests may too). */
    public void tick() {
        command(engine::tick);
    }

    private void timerFired() {
        try {
            locked(() -> {
                try {
                    if (journal.hasPending()) journal.flush();
                    if (timer.due(engine.queries().nextDeadline())) journal.run(engine::tick);
                } catch (SwitchboardException e) {
                    // logged by the journal; retried on the next run
                }
                return null;
            });
        } catch (SwitchboardException e) {
            log.warn("routing changes saved but not yet written to disk ({}); the next write covers them", e.code());
        }
    }

    private void command(Supplier<List<RoutingEvent>> command) {
        locked(() -> {
            journal.run(command);
            return null;
        });
    }

    /**
     * Runs {@code work} under the lock; what it saved is made durable after the lock is released
     * ({@link RoutingStore#sync}), so that callers who saved one after another share one write to disk
     * instead of each holding the lock through its own. The caller hears back only once it is durable;
     * the announcements made under the lock may precede that by the write's milliseconds.
     */
    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            boolean unsynced;
            try {
                timer.reschedule(engine.queries().nextDeadline(), journal.hasPending());
            } finally {
                unsynced = journal.takeUnsynced();
                lock.unlock();
            }
            if (unsynced) store.sync(); // a failure here is the caller's UNAVAILABLE, as a failed save was
        }
    }

    private void locked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    /** Stops the timer for good; later changes (the last disconnects of a shutdown) are still stored. */
    @Override
    public void close() {
        locked(timer::close);
    }
}
