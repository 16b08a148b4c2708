package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/** Read-only views of the desk for dialects and consoles; each answer is one consistent snapshot. */
public final class RoutingQueries {
    private final Desk desk;
    private final Lock lock;
    private final RoutingSettings settings;

    RoutingQueries(Desk desk, Lock lock, RoutingSettings settings) {
        this.desk = desk;
        this.lock = lock;
        this.settings = settings;
    }

    /** Where the customer waits and the estimated wait; empty unless waiting or offered. */
    public Optional<QueuePosition> position(UserId customer) {
        return read(() -> {
            EntrySlot e = desk.byCustomer.get(customer);
            if (e == null || !e.state.isQueued()) return Optional.empty();
            int position = desk.queued(e.department).indexOf(e) + 1;
            return Optional.of(new QueuePosition(e.id, customer, e.department, position,
                    desk.capacity(e.department).estimate(position, settings.averageHandleTime())));
        });
    }

    /** The customer's waiting, offered or assigned entry. */
    public Optional<QueueEntry> activeEntry(UserId customer) {
        return read(() -> Optional.ofNullable(desk.byCustomer.get(customer)).map(EntrySlot::snapshot));
    }

    /** An active entry by id; final entries are not kept here (storage has them). */
    public Optional<QueueEntry> entry(QueueEntryId id) {
        return read(() -> Optional.ofNullable(desk.entries.get(id)).map(EntrySlot::snapshot));
    }

    /** Every active entry (waiting, offered, assigned), in no particular order: what storage must hold. */
    public List<QueueEntry> activeEntries() {
        return read(() -> desk.entries.values().stream().map(EntrySlot::snapshot).toList());
    }

    /** The waiting and offered customers of one department, first served first. */
    public List<QueueEntry> queue(Department department) {
        return read(() -> desk.queued(department).stream().map(EntrySlot::snapshot).toList());
    }

    /** All waiting and offered customers, first served first. */
    public List<QueueEntry> queue() {
        return read(() -> desk.queued().stream().map(EntrySlot::snapshot).toList());
    }

    /** The waiting and offered customers of the departments this agent serves (seed 000's queue view). */
    public List<QueueEntry> queueFor(UserId agent) {
        return read(() -> {
            AgentSlot a = desk.agent(agent);
            return desk.queued().stream().filter(e -> a.serves(e.department)).map(EntrySlot::snapshot).toList();
        });
    }

    /** Every agent known since start, offline ones included, in order of first appearance. */
    public List<Agent> agents() {
        return read(() -> desk.agents.values().stream().map(AgentSlot::snapshot).toList());
    }

    public Optional<Agent> agent(UserId id) {
        return read(() -> Optional.ofNullable(desk.agents.get(id)).map(AgentSlot::snapshot));
    }

    /** Agents who could take a chat right now: available, connected, below their limit. */
    public int availableAgents() {
        return read(desk::availableCount);
    }

    /** {@link #availableAgents()} among those who serve the department. */
    public int availableAgents(Department department) {
        return read(() -> (int) desk.agents.values().stream()
                .filter(a -> a.canTakeChat() && a.serves(department)).count());
    }

    /** The chats the agent serves now, oldest first. */
    public List<Assignment> assignments(UserId agent) {
        return read(() -> desk.agent(agent).chats.stream()
                .map(id -> desk.entries.get(id).snapshot().assignment().orElseThrow()).toList());
    }

    /** The offers waiting for the agent's answer. */
    public List<Offer> offers(UserId agent) {
        return read(() -> desk.agent(agent).offers.stream()
                .map(id -> desk.entries.get(id).snapshot().offer().orElseThrow()).toList());
    }

    /** The earliest moment at which {@link RoutingEngine#tick()} has something to do; empty if none. */
    public Optional<Instant> nextDeadline() {
        return read(() -> {
            List<Instant> due = new ArrayList<>();
            for (AgentSlot a : desk.agents.values()) {
                if (a.disconnectedAt != null && a.availability != Availability.OFFLINE) {
                    due.add(a.disconnectedAt.plus(settings.offlineGrace()));
                }
            }
            for (EntrySlot e : desk.queued()) {
                if (e.offerDeadline != null) due.add(e.offerDeadline);
                if (settings.maxQueueWait().isPositive()) due.add(e.waitingSince.plus(settings.maxQueueWait()));
            }
            return due.stream().min(Instant::compareTo);
        });
    }

    private <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }
}
