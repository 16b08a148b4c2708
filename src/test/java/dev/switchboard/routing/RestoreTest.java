package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingKit.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.QueueChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A desk restored from what storage kept: queue order, assignments, agents' settings, grace from start-up. */
class RestoreTest {
    private static final Duration GRACE = RoutingSettings.defaults().offlineGrace();

    /** What storage would hold of the kit's desk now: every active entry and every agent. */
    private static List<QueueEntry> entries(RoutingKit kit, UserId... customers) {
        List<QueueEntry> list = new ArrayList<>();
        for (UserId c : customers) kit.q().activeEntry(c).ifPresent(list::add);
        return list;
    }

    private static List<AgentProfile> agents(RoutingKit kit) {
        return kit.q().agents().stream().map(AgentProfile::of).toList();
    }

    private static RoutingKit restarted(RoutingKit before, List<QueueEntry> entries) {
        RoutingKit after = new RoutingKit(before.engine.settings());
        after.clock.advance(Duration.ofMinutes(10)); // the restart took a while
        after.engine.restore(agents(before), entries);
        return after;
    }

    @Test
    void restoredQueueKeepsItsOrderIncludingEntriesPutBackInFront() {
        RoutingKit kit = RoutingKit.manual();
        UserId ann = kit.join("ann");
        UserId bob = kit.join("bob");
        UserId zoe = kit.agent("zoe");
        kit.engine.pickCustomer(zoe, bob);
        kit.engine.reject(zoe, kit.idOf(bob)); // bob goes back in front of ann
        UserId cy = kit.join("cy");
        assertThat(kit.q().queue().stream().map(QueueEntry::customer)).containsExactly(bob, ann, cy);

        List<QueueEntry> stored = new ArrayList<>(entries(kit, cy, ann, bob)); // storage order is not queue order
        RoutingKit after = restarted(kit, stored);

        assertThat(after.q().queue().stream().map(QueueEntry::customer)).containsExactly(bob, ann, cy);
        assertThat(after.position(bob)).isEqualTo(1);
        assertThat(after.position(cy)).isEqualTo(3);
        assertThat(after.entryOf(ann).id()).isEqualTo(kit.idOf(ann));
    }

    @Test
    void customersJoiningAfterARestartQueueBehindTheRestoredOnesAndChatsPutBackGoInFront() {
        RoutingKit kit = RoutingKit.manual();
        UserId ann = kit.join("ann");
        UserId bob = kit.join("bob");
        UserId zoe = kit.agent("zoe");
        kit.engine.pickCustomer(zoe, bob);
        RoutingKit after = restarted(kit, entries(kit, ann, bob));

        UserId dan = after.join("dan");
        after.engine.agentConnected(zoe, "zoe", "zoe-tab2");
        after.engine.reject(zoe, after.idOf(bob));

        assertThat(after.q().queue().stream().map(QueueEntry::customer)).containsExactly(bob, ann, dan);
    }

    @Test
    void restoredAssignmentKeepsItsAgentWhoReconnectsWithinTheGracePeriodFromStartUp() {
        RoutingKit kit = RoutingKit.with(Strategy.ROUND_ROBIN);
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        RoutingKit after = restarted(kit, entries(kit, ann));

        assertThat(after.entryOf(ann).state()).isEqualTo(EntryState.ASSIGNED);
        assertThat(after.agentOf(ann)).isEqualTo(zoe);
        assertThat(after.entryOf(ann).heldBy()).containsExactly(zoe);
        assertThat(after.q().nextDeadline()).contains(after.clock.instant().plus(GRACE));

        after.clock.advance(GRACE.minusSeconds(1));
        after.engine.tick();
        after.engine.agentConnected(zoe, "zoe", "zoe-tab9");
        after.clock.advance(GRACE);
        after.engine.tick();

        assertThat(after.agentOf(ann)).isEqualTo(zoe);
        assertThat(after.q().agent(zoe).orElseThrow().availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(after.q().assignments(zoe)).extracting(Assignment::entry).containsExactly(after.idOf(ann));
    }

    @Test
    void restoredAssignmentGoesBackToTheQueueFrontWhenItsAgentDoesNotReturnInTime() {
        RoutingKit kit = RoutingKit.with(Strategy.ROUND_ROBIN);
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        kit.engine.setAvailability(zoe, Availability.BUSY);
        UserId bob = kit.join("bob");
        RoutingKit after = restarted(kit, entries(kit, ann, bob));
        assertThat(after.q().queue().stream().map(QueueEntry::customer)).containsExactly(bob);

        after.clock.advance(GRACE);
        List<RoutingEvent> events = after.engine.tick();

        assertThat(only(events, RoutingEvent.Unassigned.class)).singleElement()
                .satisfies(u -> assertThat(u.reason()).isEqualTo(ReleaseReason.AGENT_OFFLINE));
        assertThat(after.q().queue().stream().map(QueueEntry::customer)).containsExactly(ann, bob);
        assertThat(after.q().agent(zoe).orElseThrow().availability()).isEqualTo(Availability.OFFLINE);
    }

    @Test
    void restoredOfferWaitsAgainAndIsOfferedOnceAnAgentConnects() {
        RoutingKit kit = new RoutingKit(RoutingSettings.defaults().withOfferTimeout(Duration.ofSeconds(20)));
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        assertThat(kit.entryOf(ann).state()).isEqualTo(EntryState.OFFERED);
        RoutingKit after = restarted(kit, entries(kit, ann));

        assertThat(after.entryOf(ann).state()).isEqualTo(EntryState.WAITING);
        assertThat(after.entryOf(ann).agent()).isNull();
        assertThat(after.q().offers(zoe)).isEmpty();

        after.engine.agentConnected(zoe, "zoe", "zoe-tab2");
        assertThat(after.entryOf(ann).state()).isEqualTo(EntryState.OFFERED);
        assertThat(after.entryOf(ann).agent()).isEqualTo(zoe);
    }

    @Test
    void anAgentWhoDeclinedACustomerIsNotOfferedThemAgainAfterARestart() {
        RoutingKit kit = new RoutingKit(RoutingSettings.defaults().withOfferTimeout(Duration.ofSeconds(20)));
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        assertThat(kit.entryOf(ann).agent()).isEqualTo(zoe);
        kit.engine.reject(zoe, kit.idOf(ann));
        assertThat(kit.entryOf(ann).state()).isEqualTo(EntryState.WAITING);
        assertThat(kit.entryOf(ann).declinedBy()).containsExactly(zoe);
        RoutingKit after = restarted(kit, entries(kit, ann));

        after.engine.agentConnected(zoe, "zoe", "zoe-tab2");
        assertThat(after.entryOf(ann).state()).isEqualTo(EntryState.WAITING);
        assertThat(after.q().offers(zoe)).isEmpty();

        UserId yan = after.agent("yan");
        assertThat(after.entryOf(ann).state()).isEqualTo(EntryState.OFFERED);
        assertThat(after.entryOf(ann).agent()).isEqualTo(yan);
        assertThat(after.entryOf(ann).declinedBy()).containsExactly(zoe);
    }

    @Test
    void agentsComeBackWithTheirLimitDepartmentsAndChosenAvailability() {
        RoutingKit kit = RoutingKit.manual();
        UserId zoe = kit.agent("zoe", 7);
        kit.engine.setDepartments(zoe, Set.of(new Department("billing")));
        kit.engine.setAvailability(zoe, Availability.AWAY);
        UserId yan = kit.agent("yan");
        kit.engine.setAvailability(yan, Availability.OFFLINE);
        RoutingKit after = restarted(kit, List.of());

        Agent z = after.q().agent(zoe).orElseThrow();
        assertThat(z.maxConcurrentChats()).isEqualTo(7);
        assertThat(z.departments()).containsExactly(new Department("billing"));
        assertThat(z.availability()).isEqualTo(Availability.AWAY);
        assertThat(z.connections()).isZero();
        assertThat(after.q().availableAgents()).isZero();

        after.engine.agentConnected(zoe, "zoe", "zoe-tab2");
        after.engine.agentConnected(yan, "yan", "yan-tab2");
        assertThat(after.q().agent(zoe).orElseThrow().availability()).isEqualTo(Availability.AWAY);
        assertThat(after.q().agent(yan).orElseThrow().availability()).isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void anAgentTakenOfflineByTheGracePeriodReturnsToWhatTheyChoseWhenTheyConnectAgain() {
        RoutingKit kit = RoutingKit.manual();
        UserId zoe = kit.agent("zoe");
        kit.engine.setAvailability(zoe, Availability.BUSY);
        kit.engine.agentDisconnected(zoe, "zoe-tab1");
        kit.clock.advance(GRACE);
        kit.engine.tick();
        assertThat(kit.q().agent(zoe).orElseThrow().availability()).isEqualTo(Availability.OFFLINE);
        assertThat(kit.q().agent(zoe).orElseThrow().chosen()).isEqualTo(Availability.BUSY);

        kit.engine.agentConnected(zoe, "zoe", "zoe-tab2");

        assertThat(kit.q().agent(zoe).orElseThrow().availability()).isEqualTo(Availability.BUSY);
    }

    @Test
    void anAssignmentWhoseAgentSignedOffOrIsUnknownWaitsAgainInItsPlace() {
        RoutingKit kit = RoutingKit.manual();
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        UserId bob = kit.join("bob");
        kit.engine.pickCustomer(zoe, ann);
        List<QueueEntry> stored = entries(kit, ann, bob);
        RoutingKit after = new RoutingKit(kit.engine.settings());
        after.engine.restore(List.of(), stored); // zoe's profile was lost

        assertThat(after.q().queue().stream().map(QueueEntry::customer)).containsExactly(ann, bob);
        assertThat(after.entryOf(ann).heldBy()).containsExactly(zoe);
    }

    @Test
    void restoreRestoresTheQueueAnnouncementsAndRefusesAnEngineInUse() {
        RoutingKit kit = RoutingKit.manual();
        UserId ann = kit.join("ann");
        RoutingKit after = new RoutingKit(kit.engine.settings());
        List<RoutingEvent> events = after.engine.restore(List.of(), entries(kit, ann));

        assertThat(only(events, QueueChanged.class)).singleElement()
                .satisfies(q -> assertThat(q.queue()).extracting(QueueEntry::customer).containsExactly(ann));
        assertThat(after.engine.join(QueueRequest.of(ann))).isEmpty(); // same customer, same entry: nothing new
        assertThatThrownBy(() -> after.engine.restore(List.of(), List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(Optional.of(after.idOf(ann))).contains(kit.idOf(ann));
    }
}
