package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A snapshot of an agent as routing sees them.
 *
 * @param chats the chats assigned now, oldest first
 * @param offers the customers offered and not yet accepted; each holds one of the agent's slots
 * @param connections open connections (tabs, devices); routing hands new chats only to connected agents
 * @param lastAssignedAt when the agent last got a chat; null if never (round robin and idle ties)
 * @param chosen the availability the agent chose last, which storage keeps: the same as
 *     {@code availability} except when the agent went offline because their last connection closed,
 *     where it is what they return to when they connect again
 */
public record Agent(UserId id, String name, Availability availability, Set<Department> departments,
        int maxConcurrentChats, List<QueueEntryId> chats, List<QueueEntryId> offers, int connections,
        Instant lastAssignedAt, Availability chosen) {

    public Agent {
        departments = Set.copyOf(departments);
        chats = List.copyOf(chats);
        offers = List.copyOf(offers);
    }

    /** Chats plus pending offers: what counts against the limit. */
    public int load() {
        return chats.size() + offers.size();
    }

    /** Available, connected and below the limit: can take a new chat right now. */
    public boolean canTakeChat() {
        return availability == Availability.AVAILABLE && connections > 0 && load() < maxConcurrentChats;
    }

    public boolean serves(Department department) {
        return department.isServedBy(departments);
    }
}
