package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.util.Objects;
import java.util.Set;

/**
 * What storage keeps of an agent between runs: the availability they chose last, their limit and
 * their departments. Connections and chats are not part of it (chats are kept with the entries).
 */
public record AgentProfile(UserId id, String name, Availability availability, int maxChats,
        Set<Department> departments) {
    public AgentProfile {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        Objects.requireNonNull(availability, "availability");
        RoutingSettings.checkMaxChats(maxChats);
        departments = Set.copyOf(departments);
    }

    public static AgentProfile of(Agent agent) {
        return new AgentProfile(agent.id(), agent.name(), agent.chosen(), agent.maxConcurrentChats(),
                agent.departments());
    }
}
