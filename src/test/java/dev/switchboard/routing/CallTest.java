package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingKit.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.Assigned;
import dev.switchboard.routing.RoutingEvent.NoAgentAvailable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 002's call flow on a desk that otherwise picks by hand. */
class CallTest {
    private final RoutingKit kit = RoutingKit.manual();
    private final RoutingEngine engine = kit.engine;
    private final UserId ann = new UserId("ann");

    @Test
    void callIsAssignedAtOnceEvenOnAManualDesk() {
        UserId zoe = kit.agent("zoe");
        List<RoutingEvent> events = engine.call(QueueRequest.of(ann));
        assertThat(only(events, Assigned.class)).extracting(Assigned::agent).containsExactly(zoe);
    }

    @Test
    void callWithNobodyAvailableAnswersNoAgentAvailableEveryTimeAndWaits() {
        assertThat(only(engine.call(QueueRequest.of(ann)), NoAgentAvailable.class)).hasSize(1);
        assertThat(only(engine.call(QueueRequest.of(ann)), NoAgentAvailable.class)).hasSize(1);
        assertThat(kit.q().queue()).hasSize(1);
        UserId zoe = kit.agent("zoe");
        assertThat(kit.agentOf(ann)).as("a waiting call is routed when an agent appears").isEqualTo(zoe);
    }

    @Test
    void callingAgainWhileServedChangesNothing() {
        kit.agent("zoe");
        engine.call(QueueRequest.of(ann));
        assertThat(engine.call(QueueRequest.of(ann))).isEmpty();
    }

    @Test
    void rejectedCallGoesToTheNextAgentEvenOnAManualDesk() {
        UserId zoe = kit.agent("zoe");
        UserId yan = kit.agent("yan");
        engine.call(QueueRequest.of(ann));
        engine.reject(zoe, kit.idOf(ann));
        assertThat(kit.agentOf(ann)).isEqualTo(yan);
    }

    @Test
    void waitingJoinerWhoCallsIsRoutedFromTheirPlace() {
        kit.join("ann");
        assertThat(kit.entryOf(ann).state()).isEqualTo(EntryState.WAITING);
        UserId zoe = kit.agent("zoe");
        engine.call(QueueRequest.of(ann));
        assertThat(kit.agentOf(ann)).isEqualTo(zoe);
    }
}
