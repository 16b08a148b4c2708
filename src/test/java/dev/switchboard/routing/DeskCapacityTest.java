package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.UserId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the agents serving each department can take now, as the wait estimates use it. */
class DeskCapacityTest {
    private static final Department BILLING = new Department("billing");
    private static final Department TECH = new Department("tech");
    private static final Department SALES = new Department("sales");

    @Test
    void eachDepartmentCountsItsOwnAgentsAndTheGeneralistsAndTheGeneralOneCountsEveryConnectedAgent() {
        Desk desk = new Desk();
        agent(desk, "generalist", Set.of(), Availability.AVAILABLE, 2, true);
        AgentSlot billing = agent(desk, "billing", Set.of(BILLING), Availability.AVAILABLE, 3, true);
        billing.chats.add(QueueEntryId.random());
        agent(desk, "tech", Set.of(TECH, BILLING), Availability.BUSY, 4, true);
        agent(desk, "away", Set.of(SALES), Availability.AWAY, 5, true);
        agent(desk, "gone", Set.of(BILLING), Availability.AVAILABLE, 9, false);

        Map<Department, Desk.Capacity> all = desk.capacities(Set.of(Department.GENERAL, BILLING, TECH, SALES));

        assertThat(all.get(Department.GENERAL)).isEqualTo(new Desk.Capacity(2 + 2, 2 + 3 + 4));
        assertThat(all.get(BILLING)).isEqualTo(new Desk.Capacity(2 + 2, 2 + 3 + 4));
        assertThat(all.get(TECH)).isEqualTo(new Desk.Capacity(2, 2 + 4));
        assertThat(all.get(SALES)).isEqualTo(new Desk.Capacity(2, 2));
        for (Department d : all.keySet()) assertThat(desk.capacity(d)).isEqualTo(all.get(d));
    }

    private static AgentSlot agent(Desk desk, String id, Set<Department> departments, Availability availability,
            int maxChats, boolean connected) {
        AgentSlot a = new AgentSlot(new UserId(id), id, maxChats, desk.agents.size());
        a.departments = departments;
        a.availability = availability;
        if (connected) a.connections.add("socket-" + id);
        desk.agents.put(a.id, a);
        return a;
    }
}
