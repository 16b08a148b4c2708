package dev.switchboard.routing;

import static dev.switchboard.common.SwitchboardException.invalid;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.Ended;
import dev.switchboard.routing.RoutingEvent.Left;
import dev.switchboard.routing.RoutingEvent.NoAgentAvailable;
import dev.switchboard.routing.RoutingEvent.TimedOut;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The decisions of the support desk (C5): who waits where, who serves whom. Every command returns
 * the events it caused, for the caller to persist and announce; the engine does no I/O and never
 * blocks beyond its one lock, so any thread may call it. A command that throws changed nothing.
 * After every command, the waiting backlog is handed out to whatever capacity exists, so capacity
 * appearing anywhere (an agent available, a chat ended, a limit raised) is used at once.
 * Time-driven changes (offer deadlines, offline grace, queue timeout) happen in {@link #tick()},
 * which a scheduler calls at {@link RoutingQueries#nextDeadline()}.
 */
public final class RoutingEngine {
    private final RoutingSettings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Desk desk = new Desk();
    private final Dispatcher dispatcher;
    private final Announcements announcements;
    private final RoutingQueries queries;
    private final Staffing staffing;

    public RoutingEngine(RoutingSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dispatcher = new Dispatcher(desk, settings, clock);
        this.announcements = new Announcements(settings.averageHandleTime());
        this.queries = new RoutingQueries(desk, lock, settings);
        this.staffing = new Staffing(desk, dispatcher, settings, clock);
    }

    public RoutingSettings settings() {
        return settings;
    }

    /** Positions, queues, agents and counts, read consistently. */
    public RoutingQueries queries() {
        return queries;
    }

    // ---- agents ---------------------------------------------------------------------------------

    /**
     * An agent's connection opened. The first one of an offline (or new) agent makes them available;
     * a reconnect within the grace period keeps their availability and chats.
     */
    public List<RoutingEvent> agentConnected(UserId agent, String name, String connectionId) {
        Objects.requireNonNull(agent, "agent");
        if (connectionId == null || connectionId.isBlank()) throw invalid("connection id is missing");
        return run(out -> staffing.connected(agent, name, connectionId, out));
    }

    /**
     * An agent's connection closed. After the last one the agent takes no new chats; they go
     * offline (and their chats to others) once the grace period passes, in {@link #tick()}, or at
     * once without a grace period. Unknown agents and connections are ignored.
     */
    public List<RoutingEvent> agentDisconnected(UserId agent, String connectionId) {
        return run(out -> staffing.disconnected(agent, connectionId, out));
    }

    /**
     * Sets an agent's availability (seed 002 {@code toggleAvailability}). Busy or away keeps the
     * chats but passes pending offers on; offline passes chats and offers on.
     */
    public List<RoutingEvent> setAvailability(UserId agent, Availability availability) {
        Objects.requireNonNull(availability, "availability");
        return run(out -> staffing.setAvailability(agent, availability, out));
    }

    /** Sets the agent's limit of concurrent chats; lowering it below the current load ends no chat. */
    public List<RoutingEvent> setMaxChats(UserId agent, int maxChats) {
        RoutingSettings.checkMaxChats(maxChats);
        return run(out -> staffing.setMaxChats(agent, maxChats, out));
    }

    /** Sets the departments the agent serves (empty: all); chats and offers they hold stay. */
    public List<RoutingEvent> setDepartments(UserId agent, Set<Department> departments) {
        Set<Department> copy = Set.copyOf(Objects.requireNonNull(departments, "departments"));
        return run(out -> staffing.setDepartments(agent, copy, out));
    }

    // ---- restart ------------------------------------------------------------------------------

    /**
     * Loads what storage kept into an engine nobody has used yet, before any connection: agents
     * with the availability they chose, limits and departments, but without connections, so the
     * offline grace period runs from now; active entries in their stored queue order. An assigned
     * entry keeps its agent, who has the grace period to connect before the chat goes back to the
     * front of the queue; an offered entry waits again (the offer did not survive the restart); an
     * entry whose agent is unknown or signed off waits again in its place. Every entry keeps the agents
     * who declined it, who are not offered it again. Final entries and a
     * second active entry of the same customer are skipped. Returns the queue and position events
     * of the restored desk.
     */
    public List<RoutingEvent> restore(Collection<AgentProfile> agents, Collection<QueueEntry> entries) {
        List<AgentProfile> profiles = List.copyOf(agents);
        List<QueueEntry> stored = entries.stream().sorted(Comparator.comparingLong(QueueEntry::queueOrder)).toList();
        return run(out -> {
            if (!desk.agents.isEmpty() || !desk.entries.isEmpty()) {
                throw new IllegalStateException("restore needs an engine nobody has used yet");
            }
            Instant now = clock.instant();
            for (AgentProfile p : profiles) staffing.restore(p, now);
            for (QueueEntry q : stored) restoreEntry(q, now);
        });
    }

    private void restoreEntry(QueueEntry q, Instant now) {
        if (!q.state().isActive() || desk.byCustomer.containsKey(q.customer())) return;
        QueueRequest request = new QueueRequest(q.customer(), q.details(), q.department());
        EntrySlot e = new EntrySlot(q.id(), request, q.enqueuedAt(),
                q.waitingSince() == null ? q.enqueuedAt() : q.waitingSince(), q.autoRoute());
        e.heldBy.addAll(q.heldBy());
        e.declinedBy.addAll(q.declinedBy());
        AgentSlot agent = q.state() == EntryState.ASSIGNED && q.agent() != null ? desk.agents.get(q.agent()) : null;
        if (agent != null && agent.availability != Availability.OFFLINE) {
            e.state = EntryState.ASSIGNED;
            e.agent = agent.id;
            e.assignedAt = q.assignedAt() == null ? now : q.assignedAt();
            agent.chats.add(e.id);
            desk.restore(e, q.queueOrder(), false);
        } else {
            desk.restore(e, q.queueOrder(), true);
        }
    }

    // ---- customers ------------------------------------------------------------------------------

    /**
     * A customer joins the queue (seed 000 {@code joinLiveChatQueue}, native {@code queue:join}).
     * Routed by the strategy at once; {@link NoAgentAvailable} when nobody could take them now.
     * Idempotent: a customer with an active entry keeps it, its place and its department.
     */
    public List<RoutingEvent> join(QueueRequest request) {
        Objects.requireNonNull(request, "request");
        return run(out -> {
            if (desk.byCustomer.containsKey(request.customer())) return;
            EntrySlot e = new EntrySlot(QueueEntryId.random(), request, clock.instant(), false);
            desk.add(e);
            dispatcher.reroute(e, out);
        });
    }

    /**
     * A customer calls for an agent (seed 002 {@code callAgent}): joins and is routed automatically
     * even when the desk picks by hand. Answers {@link NoAgentAvailable} when nobody can take the
     * call, also when a waiting customer calls again; a call already offered or assigned is kept.
     */
    public List<RoutingEvent> call(QueueRequest request) {
        Objects.requireNonNull(request, "request");
        return run(out -> {
            EntrySlot e = desk.byCustomer.get(request.customer());
            if (e == null) {
                e = new EntrySlot(QueueEntryId.random(), request, clock.instant(), true);
                desk.add(e);
            } else if (e.state != EntryState.WAITING) {
                return;
            }
            e.autoRoute = true;
            if (!dispatcher.route(e, out)) out.add(new NoAgentAvailable(e.snapshot()));
        });
    }

    /**
     * The customer leaves (seed 002 {@code leaveCall}, seed 000 disconnect): a waiting customer
     * leaves the queue, a served chat ends. Without an active entry nothing happens.
     */
    public List<RoutingEvent> leave(UserId customer) {
        return run(out -> {
            EntrySlot e = desk.byCustomer.get(customer);
            if (e != null) finish(e, customer, out);
        });
    }

    /** Ends a session by its customer, or by the agent serving it; anyone else gets NOT_ASSIGNEE. */
    public List<RoutingEvent> end(QueueEntryId entry, UserId by) {
        Objects.requireNonNull(by, "by");
        return run(out -> {
            EntrySlot e = desk.entry(entry);
            boolean agent = e.state == EntryState.ASSIGNED && by.equals(e.agent);
            if (!agent && !by.equals(e.customer)) throw new SwitchboardException(ErrorCode.NOT_ASSIGNEE);
            finish(e, by, out);
        });
    }

    private void finish(EntrySlot e, UserId by, List<RoutingEvent> out) {
        if (e.state == EntryState.ASSIGNED) {
            out.add(new Ended(dispatcher.close(e, EntryState.ENDED, out), by));
        } else {
            out.add(new Left(dispatcher.close(e, EntryState.LEFT, out)));
        }
    }

    // ---- agents taking customers ----------------------------------------------------------------

    /**
     * An agent picks a waiting (or offered) customer by hand (seed 000 {@code selectCustomer}).
     * Of two agents picking the same customer exactly one wins; the other gets ALREADY_ASSIGNED.
     * Picking one's own chat again changes nothing.
     */
    public List<RoutingEvent> pick(UserId agent, QueueEntryId entry) {
        return run(out -> pick(desk.agent(agent), desk.entry(entry), out));
    }

    /** {@link #pick} by the customer's id, as seed 000 addresses customers. */
    public List<RoutingEvent> pickCustomer(UserId agent, UserId customer) {
        return run(out -> pick(desk.agent(agent), desk.entryOf(customer), out));
    }

    private void pick(AgentSlot a, EntrySlot e, List<RoutingEvent> out) {
        if (e.state == EntryState.ASSIGNED) {
            if (a.id.equals(e.agent)) return;
            throw new SwitchboardException(ErrorCode.ALREADY_ASSIGNED);
        }
        boolean reserved = e.state == EntryState.OFFERED && a.id.equals(e.agent);
        requireCanTake(a, e, reserved);
        dispatcher.assign(e, a, out);
    }

    /** The agent accepts the customer offered to them. */
    public List<RoutingEvent> accept(UserId agent, QueueEntryId entry) {
        return run(out -> {
            AgentSlot a = desk.agent(agent);
            EntrySlot e = desk.entry(entry);
            if (e.state == EntryState.ASSIGNED) {
                if (a.id.equals(e.agent)) return;
                throw new SwitchboardException(ErrorCode.ALREADY_ASSIGNED);
            }
            if (e.state != EntryState.OFFERED || !a.id.equals(e.agent)) {
                throw new SwitchboardException(ErrorCode.NO_PENDING_OFFER);
            }
            dispatcher.assign(e, a, out);
        });
    }

    /**
     * The agent declines an offer, or gives back a chat they were assigned (seed 002
     * {@code rejectCall}): the customer passes to the next agent who has not declined them, or
     * waits (in front, for a chat given back) with {@link NoAgentAvailable}.
     */
    public List<RoutingEvent> reject(UserId agent, QueueEntryId entry) {
        return run(out -> {
            AgentSlot a = desk.agent(agent);
            EntrySlot e = desk.entry(entry);
            if (!a.id.equals(e.agent) || !(e.state == EntryState.OFFERED || e.state == EntryState.ASSIGNED)) {
                throw new SwitchboardException(ErrorCode.NO_PENDING_OFFER);
            }
            if (e.state == EntryState.OFFERED) {
                dispatcher.withdrawOffer(e, ReleaseReason.REJECTED, out);
            } else {
                dispatcher.unassign(e, ReleaseReason.REJECTED, out);
            }
            e.declinedBy.add(a.id);
            dispatcher.reroute(e, out);
        });
    }

    /**
     * Moves a chat to a named agent, who must be available, connected, below their limit and
     * serve the customer's department; otherwise an error and nothing changes.
     */
    public List<RoutingEvent> transfer(UserId from, QueueEntryId entry, UserId to) {
        Objects.requireNonNull(to, "to");
        return run(out -> {
            AgentSlot source = desk.agent(from);
            EntrySlot e = assignedTo(source, entry);
            if (to.equals(from)) throw invalid("a chat cannot be transferred to the agent who has it");
            AgentSlot target = desk.agent(to);
            if (!target.connected()) throw new SwitchboardException(ErrorCode.AGENT_NOT_AVAILABLE);
            requireCanTake(target, e, false);
            dispatcher.move(e, source, target, out);
        });
    }

    /**
     * The support chat was assigned to {@code to} through the tickets, and the live session follows:
     * an assigned chat moves to them ({@code Transferred}), a waiting or offered customer is given
     * to them ({@code Assigned}). The assignment is a person's decision, so availability, capacity
     * and department are not checked (an agent above their limit simply gets no offers until below
     * it); only a connected agent can hold a live session, so for anyone else nothing changes
     * ({@code AGENT_NOT_AVAILABLE}). Already theirs: nothing changes.
     */
    public List<RoutingEvent> reassign(QueueEntryId entry, UserId to) {
        Objects.requireNonNull(to, "to");
        return run(out -> {
            EntrySlot e = desk.entry(entry);
            if (e.state == EntryState.ASSIGNED && to.equals(e.agent)) return;
            AgentSlot target = desk.agents.get(to);
            if (target == null || !target.connected()) throw new SwitchboardException(ErrorCode.AGENT_NOT_AVAILABLE);
            if (e.state == EntryState.ASSIGNED) {
                dispatcher.move(e, desk.agent(e.agent), target, out);
            } else {
                dispatcher.assign(e, target, out);
            }
        });
    }

    /**
     * Moves a chat to any agent who could take it, chosen by the strategy (seed 002
     * {@code callTransfer}). With nobody, the customer goes back to the front of the queue
     * ({@code Unassigned} with {@link ReleaseReason#RETURNED_TO_QUEUE}, then {@link NoAgentAvailable})
     * and is not handed back to the agent who let go of them.
     */
    public List<RoutingEvent> transferToAny(UserId from, QueueEntryId entry) {
        return run(out -> {
            AgentSlot source = desk.agent(from);
            EntrySlot e = assignedTo(source, entry);
            List<AgentSlot> candidates = new ArrayList<>(desk.candidates(e));
            candidates.remove(source);
            var target = RoutingPolicy.choose(settings.strategy(), candidates);
            if (target.isPresent()) {
                dispatcher.move(e, source, target.get(), out);
                return;
            }
            dispatcher.unassign(e, ReleaseReason.RETURNED_TO_QUEUE, out);
            e.declinedBy.add(source.id);
            out.add(new NoAgentAvailable(e.snapshot()));
        });
    }

    private EntrySlot assignedTo(AgentSlot agent, QueueEntryId entry) {
        EntrySlot e = desk.entry(entry);
        if (e.state != EntryState.ASSIGNED || !agent.id.equals(e.agent)) {
            throw new SwitchboardException(ErrorCode.NOT_ASSIGNEE);
        }
        return e;
    }

    private static void requireCanTake(AgentSlot a, EntrySlot e, boolean slotReserved) {
        if (a.availability != Availability.AVAILABLE) throw new SwitchboardException(ErrorCode.AGENT_NOT_AVAILABLE);
        if (!slotReserved && !a.hasRoom()) throw new SwitchboardException(ErrorCode.AGENT_AT_CAPACITY);
        if (!a.serves(e.department)) throw new SwitchboardException(ErrorCode.DEPARTMENT_MISMATCH);
    }

    // ---- time -----------------------------------------------------------------------------------

    /**
     * Applies what is due by the clock: agents whose grace period passed go offline, lapsed offers
     * pass to the next agent (the one who let it lapse is not asked again), customers who waited
     * longer than the maximum time out.
     */
    public List<RoutingEvent> tick() {
        return run(out -> {
            var now = clock.instant();
            staffing.expireGrace(now, out);
            for (EntrySlot e : desk.queued()) {
                if (e.state == EntryState.OFFERED && !now.isBefore(e.offerDeadline)) {
                    UserId agent = e.agent;
                    dispatcher.withdrawOffer(e, ReleaseReason.OFFER_TIMED_OUT, out);
                    e.declinedBy.add(agent);
                    dispatcher.reroute(e, out);
                }
            }
            if (!settings.maxQueueWait().isPositive()) return;
            for (EntrySlot e : desk.queued()) {
                if (!now.isBefore(e.waitingSince.plus(settings.maxQueueWait()))) {
                    out.add(new TimedOut(dispatcher.close(e, EntryState.TIMED_OUT, out)));
                }
            }
        });
    }

    // ---- plumbing -------------------------------------------------------------------------------

    /** Runs a command under the lock, then hands out the backlog and appends what the desk now shows. */
    private List<RoutingEvent> run(Consumer<List<RoutingEvent>> command) {
        lock.lock();
        try {
            List<RoutingEvent> out = new ArrayList<>();
            command.accept(out);
            dispatcher.handOutBacklog(out);
            announcements.appendChanges(desk, out);
            return List.copyOf(out);
        } finally {
            lock.unlock();
        }
    }
}
