package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.AgentAvailabilityChanged;
import dev.switchboard.routing.RoutingEvent.AgentSettingsChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The agent side of the desk: connections with their grace period, availability, limits and
 * departments. Runs under the engine's lock; capacity it creates is handed out by the engine after
 * each command.
 */
final class Staffing {
    private final Desk desk;
    private final Dispatcher dispatcher;
    private final RoutingSettings settings;
    private final Clock clock;
    private long registrations;

    Staffing(Desk desk, Dispatcher dispatcher, RoutingSettings settings, Clock clock) {
        this.desk = desk;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.clock = clock;
    }

    void connected(UserId agent, String name, String connectionId, List<RoutingEvent> out) {
        AgentSlot a = desk.agents.computeIfAbsent(agent,
                id -> new AgentSlot(id, name == null ? "" : name.strip(), settings.defaultMaxChats(), ++registrations));
        if (name != null && !name.isBlank()) a.name = name.strip();
        a.connections.add(connectionId);
        a.disconnectedAt = null;
        if (a.availability == Availability.OFFLINE) {
            // back to what they chose before the grace period took them offline; available after signing off
            if (a.chosen == Availability.OFFLINE) a.chosen = Availability.AVAILABLE;
            change(a, a.chosen, out);
        }
    }

    void disconnected(UserId agent, String connectionId, List<RoutingEvent> out) {
        AgentSlot a = desk.agents.get(agent);
        if (a == null || !a.connections.remove(connectionId) || a.connected()) return;
        a.disconnectedAt = clock.instant();
        if (!settings.offlineGrace().isPositive() && a.availability != Availability.OFFLINE) {
            dispatcher.takeOffline(a, out);
        }
    }

    /** Agents whose last connection closed at least the grace period ago go offline. */
    void expireGrace(Instant now, List<RoutingEvent> out) {
        for (AgentSlot a : List.copyOf(desk.agents.values())) {
            if (a.disconnectedAt != null && a.availability != Availability.OFFLINE
                    && !now.isBefore(a.disconnectedAt.plus(settings.offlineGrace()))) {
                dispatcher.takeOffline(a, out);
            }
        }
    }

    void setAvailability(UserId agent, Availability availability, List<RoutingEvent> out) {
        AgentSlot a = desk.agent(agent);
        a.chosen = availability;
        if (a.availability == availability) return;
        if (availability == Availability.OFFLINE) {
            dispatcher.takeOffline(a, out);
            return;
        }
        change(a, availability, out);
        if (availability != Availability.AVAILABLE) dispatcher.releaseOffers(a, ReleaseReason.AGENT_UNAVAILABLE, out);
    }

    void setMaxChats(UserId agent, int maxChats, List<RoutingEvent> out) {
        AgentSlot a = desk.agent(agent);
        if (a.maxChats == maxChats) return;
        a.maxChats = maxChats;
        out.add(new AgentSettingsChanged(a.snapshot()));
    }

    void setDepartments(UserId agent, Set<Department> departments, List<RoutingEvent> out) {
        AgentSlot a = desk.agent(agent);
        if (a.departments.equals(departments)) return;
        a.departments = departments;
        out.add(new AgentSettingsChanged(a.snapshot()));
    }

    /**
     * An agent as storage remembers them, before anyone connected: without connections since
     * {@code now}, so the grace period runs from start-up and their restored chats wait for them
     * that long.
     */
    AgentSlot restore(AgentProfile profile, Instant now) {
        AgentSlot a = new AgentSlot(profile.id(), profile.name(), profile.maxChats(), ++registrations);
        a.departments = Set.copyOf(profile.departments());
        a.chosen = profile.availability();
        a.availability = profile.availability();
        if (a.availability != Availability.OFFLINE) a.disconnectedAt = now;
        desk.agents.put(a.id, a);
        return a;
    }

    private static void change(AgentSlot a, Availability availability, List<RoutingEvent> out) {
        Availability previous = a.availability;
        a.availability = availability;
        out.add(new AgentAvailabilityChanged(a.snapshot(), previous));
    }
}
