package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingKit.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.Assigned;
import dev.switchboard.routing.RoutingEvent.AvailableAgentsCount;
import dev.switchboard.routing.RoutingEvent.NoAgentAvailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AutomaticRoutingTest {

    @Test
    void roundRobinRotatesFairlyAmongAgents() {
        RoutingKit kit = RoutingKit.with(Strategy.ROUND_ROBIN);
        UserId a = kit.agent("a", 10);
        UserId b = kit.agent("b", 10);
        UserId c = kit.agent("c", 10);
        List<UserId> got = new ArrayList<>();
        for (int i = 0; i < 7; i++) got.add(kit.agentOf(kit.join("customer" + i)));
        assertThat(got).containsExactly(a, b, c, a, b, c, a);
    }

    @Test
    void roundRobinGivesTheNextChatToWhoeverWaitedLongestSinceTheirLast() {
        RoutingKit kit = RoutingKit.with(Strategy.ROUND_ROBIN);
        UserId a = kit.agent("a", 10);
        UserId b = kit.agent("b", 10);
        UserId first = kit.join("c1");
        kit.join("c2");
        kit.engine.end(kit.idOf(first), first);
        assertThat(kit.agentOf(kit.join("c3"))).isEqualTo(a);
        assertThat(kit.agentOf(kit.join("c4"))).isEqualTo(b);
    }

    @Test
    void leastBusyPicksTheLowestLoad() {
        RoutingKit kit = RoutingKit.with(Strategy.LEAST_BUSY);
        UserId a = kit.agent("a", 10);
        kit.join("c1");
        kit.join("c2");
        UserId b = kit.agent("b", 10);
        assertThat(kit.agentOf(kit.join("c3"))).isEqualTo(b);
        assertThat(kit.agentOf(kit.join("c4"))).isEqualTo(b);
        assertThat(kit.q().agent(a).orElseThrow().load()).isEqualTo(2);
        assertThat(kit.q().agent(b).orElseThrow().load()).isEqualTo(2);
    }

    @Test
    void leastBusyBreaksTiesByLongestIdle() {
        RoutingKit kit = RoutingKit.with(Strategy.LEAST_BUSY);
        UserId a = kit.agent("a", 10);
        UserId b = kit.agent("b", 10);
        UserId c1 = kit.join("c1");
        UserId c2 = kit.join("c2");
        assertThat(List.of(kit.agentOf(c1), kit.agentOf(c2))).containsExactly(a, b);
        kit.clock.advance(Duration.ofMinutes(1));
        kit.engine.end(kit.idOf(c2), c2);
        kit.engine.end(kit.idOf(c1), c1);
        assertThat(kit.agentOf(kit.join("c3"))).as("a was assigned before b").isEqualTo(a);
    }

    @Test
    void limitsAreNeverExceededAndTheRestWait() {
        RoutingKit kit = RoutingKit.with(Strategy.LEAST_BUSY);
        UserId a = kit.agent("a", 2);
        for (int i = 0; i < 4; i++) kit.join("c" + i);
        assertThat(kit.q().agent(a).orElseThrow().load()).isEqualTo(2);
        assertThat(kit.q().queue()).hasSize(2);
    }

    @Test
    void waitingBacklogIsHandedOutAtOnceOldestFirstWhenAnAgentBecomesAvailable() {
        RoutingKit kit = RoutingKit.with(Strategy.ROUND_ROBIN);
        List<UserId> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) customers.add(kit.join("c" + i));
        UserId zoe = kit.agent("zoe", 3);

        assertThat(kit.q().assignments(zoe)).extracting(Assignment::entry)
                .containsExactly(kit.idOf(customers.get(0)), kit.idOf(customers.get(1)), kit.idOf(customers.get(2)));
        assertThat(kit.q().queue()).extracting(QueueEntry::customer).containsExactly(customers.get(3), customers.get(4));
        assertThat(kit.position(customers.get(3))).isEqualTo(1);
    }

    @Test
    void capacityFromAnEndedChatOrARaisedLimitOrAReturnFromAwayIsUsedAtOnce() {
        RoutingKit kit = RoutingKit.with(Strategy.ROUND_ROBIN);
        UserId zoe = kit.agent("zoe", 1);
        UserId c1 = kit.join("c1");
        UserId c2 = kit.join("c2");
        UserId c3 = kit.join("c3");
        UserId c4 = kit.join("c4");

        List<RoutingEvent> ended = kit.engine.end(kit.idOf(c1), zoe);
        assertThat(only(ended, Assigned.class)).extracting(e -> e.entry().customer()).containsExactly(c2);

        List<RoutingEvent> raised = kit.engine.setMaxChats(zoe, 2);
        assertThat(only(raised, Assigned.class)).extracting(e -> e.entry().customer()).containsExactly(c3);

        kit.engine.setAvailability(zoe, Availability.AWAY);
        kit.engine.end(kit.idOf(c2), c2);
        assertThat(kit.entryOf(c4).state()).isEqualTo(EntryState.WAITING);
        List<RoutingEvent> back = kit.engine.setAvailability(zoe, Availability.AVAILABLE);
        assertThat(only(back, Assigned.class)).extracting(e -> e.entry().customer()).containsExactly(c4);
    }

    @Test
    void routingRespectsDepartmentsAndGeneralistsServeAll() {
        RoutingKit kit = RoutingKit.with(Strategy.ROUND_ROBIN);
        Department billing = new Department("billing");
        Department tech = new Department("tech");
        UserId biller = kit.agent("biller", 5);
        kit.engine.setDepartments(biller, Set.of(billing));

        UserId t = kit.join("t", tech);
        assertThat(kit.entryOf(t).state()).isEqualTo(EntryState.WAITING);
        assertThat(kit.agentOf(kit.join("b", billing))).isEqualTo(biller);
        assertThat(kit.agentOf(kit.join("g"))).as("everyone serves the general queue").isEqualTo(biller);

        UserId generalist = kit.agent("generalist", 5);
        assertThat(kit.agentOf(t)).isEqualTo(generalist);
    }

    @Test
    void aNewDepartmentForAnAgentHandsOutThatDepartmentsBacklog() {
        RoutingKit kit = RoutingKit.with(Strategy.ROUND_ROBIN);
        Department tech = new Department("tech");
        UserId zoe = kit.agent("zoe", 5);
        kit.engine.setDepartments(zoe, Set.of(new Department("billing")));
        UserId t = kit.join("t", tech);
        List<RoutingEvent> events = kit.engine.setDepartments(zoe, Set.of(tech));
        assertThat(only(events, Assigned.class)).extracting(e -> e.entry().customer()).containsExactly(t);
    }

    @Test
    void customerWithNoAgentForTheirDepartmentIsToldSo() {
        RoutingKit kit = RoutingKit.with(Strategy.LEAST_BUSY);
        UserId zoe = kit.agent("zoe");
        kit.engine.setDepartments(zoe, Set.of(new Department("billing")));
        List<RoutingEvent> events =
                kit.engine.join(new QueueRequest(new UserId("x"), CustomerDetails.NONE, new Department("tech")));
        assertThat(only(events, NoAgentAvailable.class)).hasSize(1);
    }

    @Test
    void availableCountFollowsAvailabilityAndLimits() {
        RoutingKit kit = RoutingKit.with(Strategy.ROUND_ROBIN);
        List<RoutingEvent> first = kit.engine.agentConnected(new UserId("zoe"), "Zoe", "t1");
        assertThat(only(first, AvailableAgentsCount.class)).containsExactly(new AvailableAgentsCount(1));
        UserId zoe = new UserId("zoe");
        kit.engine.setMaxChats(zoe, 1);
        List<RoutingEvent> full = kit.engine.join(QueueRequest.of(new UserId("ann")));
        assertThat(only(full, AvailableAgentsCount.class)).containsExactly(new AvailableAgentsCount(0));
        assertThat(kit.q().availableAgents()).isZero();
        List<RoutingEvent> raised = kit.engine.setMaxChats(zoe, 2);
        assertThat(only(raised, AvailableAgentsCount.class)).containsExactly(new AvailableAgentsCount(1));
        assertThat(kit.q().availableAgents(new Department("any"))).isEqualTo(1);
    }
}
