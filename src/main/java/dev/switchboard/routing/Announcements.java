package dev.switchboard.routing;

import dev.switchboard.routing.RoutingEvent.AvailableAgentsCount;
import dev.switchboard.routing.RoutingEvent.PositionChanged;
import dev.switchboard.routing.RoutingEvent.QueueChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers what was last announced of the queues, the positions and the count of available agents,
 * and after each operation reports what differs. Comparing states instead of tracking causes means
 * no operation can forget to announce a change, and nothing is announced twice.
 */
final class Announcements {
    private final Duration averageHandleTime;
    private Map<Department, List<QueueEntry>> queues = Map.of();
    private Map<QueueEntryId, QueuePosition> positions = Map.of();
    private int available;

    Announcements(Duration averageHandleTime) {
        this.averageHandleTime = averageHandleTime;
    }

    /** Appends the queue, position and count changes since the last call to {@code out}. */
    void appendChanges(Desk desk, List<RoutingEvent> out) {
        Map<Department, List<QueueEntry>> nowQueues = queues(desk);
        Map<QueueEntryId, QueuePosition> nowPositions = positions(desk);
        for (var q : nowQueues.entrySet()) {
            if (!q.getValue().equals(queues.get(q.getKey()))) out.add(new QueueChanged(q.getKey(), q.getValue()));
        }
        for (Department gone : queues.keySet()) {
            if (!nowQueues.containsKey(gone)) out.add(new QueueChanged(gone, List.of()));
        }
        for (QueuePosition p : nowPositions.values()) {
            if (!p.equals(positions.get(p.entry()))) {
                out.add(new PositionChanged(p.entry(), p.customer(), p.position(), p.estimatedWait()));
            }
        }
        int nowAvailable = desk.availableCount();
        if (nowAvailable != available) out.add(new AvailableAgentsCount(nowAvailable));
        queues = nowQueues;
        positions = nowPositions;
        available = nowAvailable;
    }

    Map<QueueEntryId, QueuePosition> positions(Desk desk) {
        Map<QueueEntryId, QueuePosition> map = new LinkedHashMap<>();
        Map<Department, Integer> counters = new HashMap<>();
        Collection<EntrySlot> queued = desk.queued();
        Set<Department> departments = new HashSet<>();
        for (EntrySlot e : queued) departments.add(e.department);
        Map<Department, Desk.Capacity> capacities = desk.capacities(departments);
        for (EntrySlot e : queued) {
            int position = counters.merge(e.department, 1, Integer::sum);
            Desk.Capacity capacity = capacities.get(e.department);
            map.put(e.id, new QueuePosition(e.id, e.customer, e.department, position,
                    capacity.estimate(position, averageHandleTime)));
        }
        return map;
    }

    private static Map<Department, List<QueueEntry>> queues(Desk desk) {
        Map<Department, List<QueueEntry>> map = new LinkedHashMap<>();
        for (EntrySlot e : desk.queued()) map.computeIfAbsent(e.department, d -> new ArrayList<>()).add(e.snapshot());
        map.replaceAll((d, list) -> List.copyOf(list));
        return map;
    }
}
