package dev.switchboard.routing;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The desk's state: agents, active entries and the queue order. Not thread-safe; the engine's lock
 * guards it. Holds the bookkeeping every operation shares, not the decisions.
 */
final class Desk {
    final Map<UserId, AgentSlot> agents = new LinkedHashMap<>();
    final Map<QueueEntryId, EntrySlot> entries = new HashMap<>();
    final Map<UserId, EntrySlot> byCustomer = new HashMap<>();
    /** Waiting and offered entries of all departments, first served first. */
    private final TreeMap<Long, EntrySlot> queue = new TreeMap<>();
    private long backOrder;
    private long frontOrder;
    private long turns;

    AgentSlot agent(UserId id) {
        AgentSlot a = agents.get(id);
        if (a == null) throw SwitchboardException.notFound(ErrorCode.AGENT_NOT_FOUND, "agent " + id);
        return a;
    }

    EntrySlot entry(QueueEntryId id) {
        EntrySlot e = entries.get(id);
        if (e == null) throw new SwitchboardException(ErrorCode.NOT_IN_QUEUE, "no active queue entry " + id);
        return e;
    }

    EntrySlot entryOf(UserId customer) {
        EntrySlot e = byCustomer.get(customer);
        if (e == null) throw new SwitchboardException(ErrorCode.NOT_IN_QUEUE, "customer " + customer + " is not in the queue");
        return e;
    }

    void add(EntrySlot e) {
        entries.put(e.id, e);
        byCustomer.put(e.customer, e);
        enqueueBack(e);
    }

    void remove(EntrySlot e) {
        dequeue(e);
        entries.remove(e.id);
        byCustomer.remove(e.customer, e);
    }

    /**
     * Puts back an entry read from storage with the place it had; the counters move past it so
     * that later entries still go behind (or, put back in front, before) every restored one.
     */
    void restore(EntrySlot e, long order, boolean queued) {
        entries.put(e.id, e);
        byCustomer.put(e.customer, e);
        e.order = order;
        backOrder = Math.max(backOrder, order);
        frontOrder = Math.min(frontOrder, order);
        if (queued) queue.put(order, e);
    }

    void enqueueBack(EntrySlot e) {
        e.order = ++backOrder;
        queue.put(e.order, e);
    }

    void enqueueFront(EntrySlot e) {
        e.order = --frontOrder;
        queue.put(e.order, e);
    }

    void dequeue(EntrySlot e) {
        queue.remove(e.order, e);
    }

    long nextTurn() {
        return ++turns;
    }

    Collection<EntrySlot> queued() {
        return List.copyOf(queue.values());
    }

    List<EntrySlot> queued(Department department) {
        List<EntrySlot> list = new ArrayList<>();
        for (EntrySlot e : queue.values()) {
            if (e.department.equals(department)) list.add(e);
        }
        return list;
    }

    /** Agents automatic routing may give this entry to now. */
    List<AgentSlot> candidates(EntrySlot e) {
        List<AgentSlot> list = new ArrayList<>();
        for (AgentSlot a : agents.values()) {
            if (a.canTakeChat() && a.serves(e.department) && !e.declinedBy.contains(a.id)) list.add(a);
        }
        return list;
    }

    boolean anyoneCouldTake(Department department) {
        return agents.values().stream().anyMatch(a -> a.canTakeChat() && a.serves(department));
    }

    int availableCount() {
        return (int) agents.values().stream().filter(AgentSlot::canTakeChat).count();
    }

    /**
     * What the agents serving a department can do now, for wait estimates: free slots of available
     * agents, and all slots of agents at work (available or busy, connected).
     */
    Capacity capacity(Department department) {
        return capacities(Set.of(department)).get(department);
    }

    /**
     * {@link #capacity} of each of {@code departments}, in one pass over the agents: after every routing
     * operation the announcements estimate each queued department's wait, and a pass per department made
     * that O(departments × agents) — with 2,000 departments and as many agents, seconds of CPU per
     * connecting agent (docs/performance.md, step 29). An agent serves the general department always,
     * every department when it has none of its own, else its own.
     */
    Map<Department, Capacity> capacities(Set<Department> departments) {
        int[] everyone = new int[2]; // free slots, slots at work: what serves the general department
        int[] generalists = new int[2]; // agents without departments, who serve every one
        Map<Department, int[]> own = new HashMap<>();
        for (AgentSlot a : agents.values()) {
            if (!a.connected()) continue;
            int free = a.availability == Availability.AVAILABLE ? Math.max(0, a.maxChats - a.load()) : 0;
            int slots = a.availability == Availability.AVAILABLE || a.availability == Availability.BUSY ? a.maxChats : 0;
            add(everyone, free, slots);
            if (a.departments.isEmpty()) {
                add(generalists, free, slots);
            } else {
                for (Department d : a.departments) {
                    if (departments.contains(d)) add(own.computeIfAbsent(d, x -> new int[2]), free, slots);
                }
            }
        }
        Map<Department, Capacity> result = new HashMap<>();
        for (Department d : departments) {
            int[] mine = own.getOrDefault(d, new int[2]);
            result.put(d, d.isGeneral() ? new Capacity(everyone[0], everyone[1])
                    : new Capacity(generalists[0] + mine[0], generalists[1] + mine[1]));
        }
        return result;
    }

    private static void add(int[] sums, int free, int slots) {
        sums[0] += free;
        sums[1] += slots;
    }

    record Capacity(int free, int slots) {
        /**
         * Expected wait at this position: nothing while free slots outnumber the customers ahead;
         * otherwise one average chat per round of all the slots at work, at least one slot.
         */
        Duration estimate(int position, Duration averageHandleTime) {
            if (position <= free) return Duration.ZERO;
            return averageHandleTime.multipliedBy(Math.ceilDiv(position - free, Math.max(1, slots)));
        }
    }
}
