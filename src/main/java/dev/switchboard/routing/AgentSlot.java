package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The engine's mutable record of one agent; guarded by the engine's lock, never handed out. */
final class AgentSlot {
    final UserId id;
    /** Order of first appearance: the last tie-breaker, so routing is deterministic. */
    final long registration;
    String name;
    Availability availability = Availability.OFFLINE;
    /** What the agent chose last; an agent taken offline by the grace period returns to it on connecting. */
    Availability chosen = Availability.AVAILABLE;
    Set<Department> departments = Set.of();
    int maxChats;
    final Set<String> connections = new LinkedHashSet<>();
    /** When the last connection closed; null while connected or once offline. */
    Instant disconnectedAt;
    final Set<QueueEntryId> chats = new LinkedHashSet<>();
    final Set<QueueEntryId> offers = new LinkedHashSet<>();
    Instant lastAssignedAt;
    /** Value of the engine's assignment counter at the last assignment; 0 = never. Clock ties cannot happen. */
    long lastTurn;

    AgentSlot(UserId id, String name, int maxChats, long registration) {
        this.id = id;
        this.name = name;
        this.maxChats = maxChats;
        this.registration = registration;
    }

    boolean connected() {
        return !connections.isEmpty();
    }

    int load() {
        return chats.size() + offers.size();
    }

    boolean hasRoom() {
        return load() < maxChats;
    }

    boolean serves(Department department) {
        return department.isServedBy(departments);
    }

    /** Whether automatic routing may hand this agent a new chat now. */
    boolean canTakeChat() {
        return availability == Availability.AVAILABLE && connected() && hasRoom();
    }

    Agent snapshot() {
        return new Agent(id, name, availability, departments, maxChats, List.copyOf(chats), List.copyOf(offers),
                connections.size(), lastAssignedAt, chosen);
    }
}
