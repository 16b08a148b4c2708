package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingKit.fails;
import static dev.switchboard.routing.RoutingKit.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.Assigned;
import dev.switchboard.routing.RoutingEvent.Ended;
import dev.switchboard.routing.RoutingEvent.NoAgentAvailable;
import dev.switchboard.routing.RoutingEvent.Transferred;
import dev.switchboard.routing.RoutingEvent.Unassigned;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferTest {
    private final RoutingKit kit = RoutingKit.manual();
    private final RoutingEngine engine = kit.engine;
    private final UserId a = kit.agent("a");
    private final UserId b = kit.agent("b");
    private final UserId c = kit.agent("c");
    private final UserId ann = kit.join("ann");

    private QueueEntryId served(UserId agent) {
        engine.pickCustomer(agent, ann);
        return kit.idOf(ann);
    }

    @Test
    void transferToANamedAgentMovesTheChatAndTellsAllThree() {
        QueueEntryId entry = served(a);
        List<RoutingEvent> events = engine.transfer(a, entry, b);

        assertThat(events).first().isInstanceOfSatisfying(Transferred.class, t -> {
            assertThat(t.from()).isEqualTo(a);
            assertThat(t.to()).isEqualTo(b);
            assertThat(t.entry().customer()).isEqualTo(ann);
            assertThat(t.entry().heldBy()).containsExactly(a, b);
        });
        assertThat(kit.q().agent(a).orElseThrow().load()).isZero();
        assertThat(kit.q().agent(b).orElseThrow().chats()).containsExactly(entry);
    }

    @Test
    void transferChainsKeepOneEntryAndItsHistoryOfAgents() {
        QueueEntryId entry = served(a);
        engine.transfer(a, entry, b);
        engine.transfer(b, entry, c);
        engine.transfer(c, entry, a);
        assertThat(kit.entryOf(ann).id()).isEqualTo(entry);
        assertThat(kit.entryOf(ann).heldBy()).containsExactly(a, b, c);
        assertThat(kit.agentOf(ann)).isEqualTo(a);
    }

    @Test
    void transferToANamedAgentWhoCannotTakeItFailsAndChangesNothing() {
        QueueEntryId entry = served(a);
        engine.setAvailability(b, Availability.BUSY);
        fails(ErrorCode.AGENT_NOT_AVAILABLE, () -> engine.transfer(a, entry, b));
        engine.setMaxChats(c, 1);
        kit.join("bob");
        engine.pickCustomer(c, new UserId("bob"));
        fails(ErrorCode.AGENT_AT_CAPACITY, () -> engine.transfer(a, entry, c));
        UserId d = kit.agent("d");
        engine.setDepartments(d, Set.of(new Department("billing")));
        UserId cat = kit.join("cat", new Department("tech"));
        engine.pickCustomer(a, cat);
        fails(ErrorCode.DEPARTMENT_MISMATCH, () -> engine.transfer(a, kit.idOf(cat), d));
        fails(ErrorCode.AGENT_NOT_FOUND, () -> engine.transfer(a, entry, new UserId("ghost")));
        fails(ErrorCode.VALIDATION_FAILED, () -> engine.transfer(a, entry, a));
        engine.agentDisconnected(d, "d-tab1");
        fails(ErrorCode.AGENT_NOT_AVAILABLE, () -> engine.transfer(a, entry, d));

        assertThat(kit.agentOf(ann)).isEqualTo(a);
        assertThat(kit.entryOf(ann).heldBy()).containsExactly(a);
    }

    @Test
    void onlyTheAssigneeTransfersAndAGoneCustomerIsAnErrorNotACrash() {
        QueueEntryId entry = served(a);
        fails(ErrorCode.NOT_ASSIGNEE, () -> engine.transfer(b, entry, c));
        fails(ErrorCode.NOT_ASSIGNEE, () -> engine.transferToAny(b, entry));
        engine.leave(ann);
        fails(ErrorCode.NOT_IN_QUEUE, () -> engine.transferToAny(a, entry));
        fails(ErrorCode.NOT_IN_QUEUE, () -> engine.transfer(a, entry, b));
    }

    @Test
    void transferToAnyPicksAnotherAgentByTheStrategy() {
        QueueEntryId entry = served(a);
        List<RoutingEvent> events = engine.transferToAny(a, entry);
        assertThat(only(events, Transferred.class)).singleElement()
                .satisfies(t -> assertThat(t.to()).isIn(b, c));
    }

    @Test
    void transferToAnyWithNobodyFreeSendsTheCustomerToTheQueueFront() {
        QueueEntryId entry = served(a);
        UserId bob = kit.join("bob");
        engine.setAvailability(b, Availability.AWAY);
        engine.setAvailability(c, Availability.AWAY);

        List<RoutingEvent> events = engine.transferToAny(a, entry);

        assertThat(only(events, Unassigned.class)).singleElement()
                .satisfies(u -> assertThat(u.reason()).isEqualTo(ReleaseReason.RETURNED_TO_QUEUE));
        assertThat(only(events, NoAgentAvailable.class)).hasSize(1);
        assertThat(kit.q().queue()).extracting(QueueEntry::customer).containsExactly(ann, bob);
        assertThat(kit.q().agent(a).orElseThrow().load()).isZero();
    }

    @Test
    void automaticDeskDoesNotHandAReturnedChatBackToTheAgentWhoLetGo() {
        RoutingKit auto = RoutingKit.with(Strategy.ROUND_ROBIN);
        UserId x = auto.agent("x");
        UserId y = auto.agent("y");
        auto.engine.setAvailability(y, Availability.AWAY);
        UserId cus = auto.join("cus");
        auto.engine.transferToAny(x, auto.idOf(cus));
        assertThat(auto.entryOf(cus).state()).isEqualTo(EntryState.WAITING);
        List<RoutingEvent> events = auto.engine.setAvailability(y, Availability.AVAILABLE);
        assertThat(only(events, Assigned.class)).extracting(Assigned::agent).containsExactly(y);
    }

    @Test
    void endingByEitherSideClosesTheChatAndFreesTheSlot() {
        QueueEntryId entry = served(a);
        List<RoutingEvent> events = engine.end(entry, a);
        assertThat(only(events, Ended.class)).singleElement().satisfies(e -> {
            assertThat(e.by()).isEqualTo(a);
            assertThat(e.entry().state()).isEqualTo(EntryState.ENDED);
            assertThat(e.entry().agent()).isEqualTo(a);
        });
        assertThat(kit.q().agent(a).orElseThrow().load()).isZero();
        assertThat(kit.q().activeEntry(ann)).isEmpty();

        UserId bob = kit.join("bob");
        engine.pickCustomer(b, bob);
        assertThat(only(engine.leave(bob), Ended.class)).singleElement()
                .satisfies(e -> assertThat(e.by()).isEqualTo(bob));
    }

    @Test
    void strangersCannotEndAChatAndEndedChatsCannotBeEndedAgain() {
        QueueEntryId entry = served(a);
        fails(ErrorCode.NOT_ASSIGNEE, () -> engine.end(entry, b));
        engine.end(entry, ann);
        fails(ErrorCode.NOT_IN_QUEUE, () -> engine.end(entry, a));
    }
}
