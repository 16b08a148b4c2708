package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingKit.fails;
import static dev.switchboard.routing.RoutingKit.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.Assigned;
import dev.switchboard.routing.RoutingEvent.QueueChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ManualPickTest {
    private final RoutingKit kit = RoutingKit.manual();
    private final RoutingEngine engine = kit.engine;

    @Test
    void manualDeskAssignsNobodyUntilAnAgentPicks() {
        kit.agent("zoe");
        UserId ann = kit.join("ann");
        assertThat(kit.entryOf(ann).state()).isEqualTo(EntryState.WAITING);
    }

    @Test
    void pickedCustomerLeavesTheQueueAndIsAssignedToThePicker() {
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        UserId bob = kit.join("bob");

        List<RoutingEvent> events = engine.pickCustomer(zoe, bob);

        assertThat(only(events, Assigned.class)).singleElement().satisfies(a -> {
            assertThat(a.agent()).isEqualTo(zoe);
            assertThat(a.entry().customer()).isEqualTo(bob);
            assertThat(a.entry().heldBy()).containsExactly(zoe);
        });
        assertThat(only(events, QueueChanged.class)).singleElement()
                .satisfies(q -> assertThat(q.queue()).extracting(QueueEntry::customer).containsExactly(ann));
        assertThat(kit.q().assignments(zoe)).singleElement()
                .satisfies(a -> assertThat(a.assignedAt()).isEqualTo(RoutingKit.START));
        assertThat(kit.q().position(bob)).isEmpty();
    }

    @Test
    void secondPickOfTheSameCustomerIsAlreadyAssignedAndChangesNothing() {
        UserId zoe = kit.agent("zoe");
        UserId yan = kit.agent("yan");
        UserId ann = kit.join("ann");
        engine.pickCustomer(zoe, ann);

        fails(ErrorCode.ALREADY_ASSIGNED, () -> engine.pickCustomer(yan, ann));
        assertThat(kit.agentOf(ann)).isEqualTo(zoe);
        assertThat(kit.q().agent(yan).orElseThrow().load()).isZero();
    }

    @Test
    void pickingOnesOwnChatAgainChangesNothing() {
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        engine.pickCustomer(zoe, ann);
        assertThat(engine.pickCustomer(zoe, ann)).isEmpty();
    }

    @Test
    void pickRespectsAvailabilityLimitAndDepartment() {
        UserId zoe = kit.agent("zoe", 1);
        UserId ann = kit.join("ann");
        UserId bob = kit.join("bob");
        UserId cat = kit.join("cat", new Department("billing"));
        engine.pickCustomer(zoe, ann);

        fails(ErrorCode.AGENT_AT_CAPACITY, () -> engine.pickCustomer(zoe, bob));
        engine.setMaxChats(zoe, 3);
        engine.setDepartments(zoe, Set.of(new Department("tech")));
        fails(ErrorCode.DEPARTMENT_MISMATCH, () -> engine.pickCustomer(zoe, cat));
        engine.setAvailability(zoe, Availability.AWAY);
        fails(ErrorCode.AGENT_NOT_AVAILABLE, () -> engine.pickCustomer(zoe, bob));

        assertThat(kit.q().queue()).extracting(QueueEntry::customer).containsExactly(bob, cat);
    }

    @Test
    void pickingUnknownCustomersOrByUnknownAgentsFailsClearly() {
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        fails(ErrorCode.NOT_IN_QUEUE, () -> engine.pickCustomer(zoe, new UserId("ghost")));
        fails(ErrorCode.NOT_IN_QUEUE, () -> engine.pick(zoe, QueueEntryId.random()));
        fails(ErrorCode.AGENT_NOT_FOUND, () -> engine.pickCustomer(new UserId("nobody"), ann));
    }

    @Test
    void customerWhoLeftCannotBePicked() {
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        QueueEntryId entry = kit.idOf(ann);
        engine.leave(ann);
        fails(ErrorCode.NOT_IN_QUEUE, () -> engine.pick(zoe, entry));
    }

    @Test
    void ofConcurrentPicksOfOneCustomerExactlyOneWinsEveryRound() throws Exception {
        int threads = 8;
        int rounds = 200;
        List<UserId> agents = new ArrayList<>();
        for (int i = 0; i < threads; i++) agents.add(kit.agent("agent" + i, RoutingSettings.MAX_CHATS_LIMIT));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                UserId customer = kit.join("customer" + round);
                QueueEntryId entry = kit.idOf(customer);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> picks = new ArrayList<>();
                for (UserId agent : agents) {
                    picks.add(pool.submit(() -> {
                        start.await();
                        try {
                            engine.pick(agent, entry);
                            return true;
                        } catch (SwitchboardException e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_ASSIGNED);
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> pick : picks) winners += pick.get() ? 1 : 0;
                assertThat(winners).as("winners in round %d", round).isEqualTo(1);
                engine.end(entry, customer);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(kit.q().agents()).allSatisfy(a -> assertThat(a.load()).isZero());
    }
}
