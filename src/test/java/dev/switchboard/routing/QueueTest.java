package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingKit.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.Left;
import dev.switchboard.routing.RoutingEvent.NoAgentAvailable;
import dev.switchboard.routing.RoutingEvent.PositionChanged;
import dev.switchboard.routing.RoutingEvent.QueueChanged;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueTest {
    private final RoutingKit kit = RoutingKit.manual();
    private final RoutingEngine engine = kit.engine;

    @Test
    void joiningCustomerWaitsWithDetailsAndIsAnnouncedToAgentsAndToThemselves() {
        UserId ann = new UserId("ann");
        var details = new CustomerDetails("Ann", "ann@example.com", "refund", Map.of("order", "A-17"));
        List<RoutingEvent> events = engine.join(new QueueRequest(ann, details, Department.GENERAL));

        QueueEntry entry = kit.entryOf(ann);
        assertThat(entry.state()).isEqualTo(EntryState.WAITING);
        assertThat(entry.details()).isEqualTo(details);
        assertThat(entry.enqueuedAt()).isEqualTo(RoutingKit.START);
        assertThat(only(events, QueueChanged.class)).containsExactly(new QueueChanged(Department.GENERAL, List.of(entry)));
        assertThat(only(events, PositionChanged.class)).singleElement()
                .satisfies(p -> assertThat(p.position()).isEqualTo(1));
    }

    @Test
    void joiningWithNobodyToServeSaysSoAndKeepsTheCustomerWaiting() {
        List<RoutingEvent> events = engine.join(QueueRequest.of(new UserId("ann")));
        assertThat(only(events, NoAgentAvailable.class)).hasSize(1);
        assertThat(kit.q().queue()).hasSize(1);
    }

    @Test
    void joiningWhileAnAgentCouldPickSaysNothingAboutAvailability() {
        kit.agent("zoe");
        List<RoutingEvent> events = engine.join(QueueRequest.of(new UserId("ann")));
        assertThat(only(events, NoAgentAvailable.class)).isEmpty();
    }

    @Test
    void joiningTwiceKeepsTheOriginalPlaceEntryAndDepartment() {
        UserId ann = kit.join("ann");
        kit.join("bob");
        QueueEntry first = kit.entryOf(ann);

        List<RoutingEvent> again = engine.join(new QueueRequest(ann, CustomerDetails.NONE, new Department("billing")));

        assertThat(again).isEmpty();
        assertThat(kit.entryOf(ann)).isEqualTo(first);
        assertThat(kit.position(ann)).isEqualTo(1);
        assertThat(kit.q().queue()).hasSize(2);
    }

    @Test
    void positionsAndEstimatesMoveUpAsCustomersAheadLeave() {
        UserId ann = kit.join("ann");
        UserId bob = kit.join("bob");
        UserId cat = kit.join("cat");
        assertThat(kit.q().position(cat).orElseThrow().estimatedWait()).isEqualTo(Duration.ofMinutes(15));

        List<RoutingEvent> events = engine.leave(ann);

        assertThat(only(events, Left.class)).singleElement()
                .satisfies(l -> assertThat(l.entry().state()).isEqualTo(EntryState.LEFT));
        assertThat(only(events, PositionChanged.class))
                .containsExactly(new PositionChanged(kit.idOf(bob), bob, 1, Duration.ofMinutes(5)),
                        new PositionChanged(kit.idOf(cat), cat, 2, Duration.ofMinutes(10)));
        assertThat(kit.q().position(ann)).isEmpty();
        assertThat(kit.q().activeEntry(ann)).isEmpty();
    }

    @Test
    void estimatesAccountForFreeSlotsAndForAllSlotsAtWork() {
        UserId ann = kit.join("ann");
        UserId bob = kit.join("bob");
        UserId cat = kit.join("cat");
        kit.agent("zoe", 2);

        assertThat(kit.q().position(ann).orElseThrow().estimatedWait()).isZero();
        assertThat(kit.q().position(bob).orElseThrow().estimatedWait()).isZero();
        assertThat(kit.q().position(cat).orElseThrow().estimatedWait()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void eachDepartmentHasItsOwnQueueAndPositions() {
        Department billing = new Department("billing");
        UserId ann = kit.join("ann", billing);
        UserId bob = kit.join("bob");
        UserId cat = kit.join("cat", billing);

        assertThat(kit.q().queue(billing)).extracting(QueueEntry::customer).containsExactly(ann, cat);
        assertThat(kit.q().queue(Department.GENERAL)).extracting(QueueEntry::customer).containsExactly(bob);
        assertThat(kit.position(bob)).isEqualTo(1);
        assertThat(kit.position(cat)).isEqualTo(2);
    }

    @Test
    void aDepartmentWhoseLastCustomerLeftIsAnnouncedEmpty() {
        Department billing = new Department("billing");
        UserId ann = kit.join("ann", billing);
        List<RoutingEvent> events = engine.leave(ann);
        assertThat(only(events, QueueChanged.class)).containsExactly(new QueueChanged(billing, List.of()));
    }

    @Test
    void agentsSeeOnlyTheQueuesOfTheirDepartmentsAndTheGeneralOne() {
        Department billing = new Department("billing");
        Department tech = new Department("tech");
        UserId zoe = kit.agent("zoe");
        UserId yan = kit.agent("yan");
        engine.setDepartments(zoe, java.util.Set.of(billing));
        kit.join("ann", billing);
        kit.join("bob", tech);
        kit.join("cat");

        assertThat(kit.q().queueFor(zoe)).extracting(e -> e.customer().value()).containsExactly("ann", "cat");
        assertThat(kit.q().queueFor(yan)).hasSize(3);
    }

    @Test
    void leavingWithoutAnEntryChangesNothing() {
        assertThat(engine.leave(new UserId("nobody"))).isEmpty();
    }

    @Test
    void customerCanRejoinAfterLeavingAndGoesToTheBack() {
        UserId ann = kit.join("ann");
        kit.join("bob");
        engine.leave(ann);
        kit.join("ann");
        assertThat(kit.position(ann)).isEqualTo(2);
    }

    @Test
    void waitingTooLongTimesOutWhenAMaximumIsConfigured() {
        RoutingKit timed = new RoutingKit(RoutingSettings.defaults().withStrategy(Strategy.MANUAL)
                .withMaxQueueWait(Duration.ofMinutes(10)));
        UserId ann = timed.join("ann");
        timed.clock.advance(Duration.ofMinutes(5));
        UserId bob = timed.join("bob");
        assertThat(timed.q().nextDeadline()).contains(RoutingKit.START.plus(Duration.ofMinutes(10)));

        timed.clock.advance(Duration.ofMinutes(5));
        List<RoutingEvent> events = timed.engine.tick();

        assertThat(only(events, RoutingEvent.TimedOut.class)).singleElement()
                .satisfies(t -> assertThat(t.entry().customer()).isEqualTo(ann));
        assertThat(timed.q().activeEntry(ann)).isEmpty();
        assertThat(timed.position(bob)).isEqualTo(1);
    }

    @Test
    void nothingChangesWithoutAnEventAndTickWithNothingDueSaysNothing() {
        kit.join("ann");
        assertThat(engine.tick()).isEmpty();
    }
}
