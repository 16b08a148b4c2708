package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingKit.fails;
import static dev.switchboard.routing.RoutingKit.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.AgentAvailabilityChanged;
import dev.switchboard.routing.RoutingEvent.AgentSettingsChanged;
import dev.switchboard.routing.RoutingEvent.Assigned;
import dev.switchboard.routing.RoutingEvent.AvailableAgentsCount;
import dev.switchboard.routing.RoutingEvent.Unassigned;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentPresenceTest {
    private static final Duration GRACE = Duration.ofSeconds(30);
    private final RoutingKit kit = new RoutingKit(RoutingSettings.defaults().withOfflineGrace(GRACE));
    private final RoutingEngine engine = kit.engine;
    private final UserId zoe = new UserId("zoe");

    @Test
    void firstConnectionMakesANewAgentAvailableWithTheDefaultLimit() {
        List<RoutingEvent> events = engine.agentConnected(zoe, "Zoe", "tab1");
        assertThat(only(events, AgentAvailabilityChanged.class)).singleElement().satisfies(c -> {
            assertThat(c.previous()).isEqualTo(Availability.OFFLINE);
            assertThat(c.agent().availability()).isEqualTo(Availability.AVAILABLE);
            assertThat(c.agent().maxConcurrentChats()).isEqualTo(3);
            assertThat(c.agent().name()).isEqualTo("Zoe");
        });
        assertThat(engine.agentConnected(zoe, "Zoe", "tab2")).as("a second tab changes nothing visible").isEmpty();
        assertThat(kit.q().agent(zoe).orElseThrow().connections()).isEqualTo(2);
    }

    @Test
    void agentStaysUntilTheLastConnectionClosedAndTheGracePassed() {
        engine.agentConnected(zoe, "Zoe", "tab1");
        engine.agentConnected(zoe, "Zoe", "tab2");
        UserId ann = kit.join("ann");
        assertThat(engine.agentDisconnected(zoe, "tab1")).isEmpty();
        List<RoutingEvent> lastTab = engine.agentDisconnected(zoe, "tab2");
        assertThat(only(lastTab, AvailableAgentsCount.class)).as("no new chats while disconnected")
                .containsExactly(new AvailableAgentsCount(0));
        assertThat(kit.q().nextDeadline()).contains(RoutingKit.START.plus(GRACE));

        kit.clock.advance(GRACE.minusSeconds(1));
        assertThat(engine.tick()).isEmpty();
        assertThat(kit.agentOf(ann)).isEqualTo(zoe);

        kit.clock.advance(Duration.ofSeconds(1));
        List<RoutingEvent> events = engine.tick();
        assertThat(only(events, AgentAvailabilityChanged.class)).singleElement()
                .satisfies(c -> assertThat(c.agent().availability()).isEqualTo(Availability.OFFLINE));
        assertThat(only(events, Unassigned.class)).singleElement()
                .satisfies(u -> assertThat(u.reason()).isEqualTo(ReleaseReason.AGENT_OFFLINE));
        assertThat(kit.entryOf(ann).state()).isEqualTo(EntryState.WAITING);
    }

    @Test
    void reconnectWithinGraceKeepsAvailabilityAndChats() {
        engine.agentConnected(zoe, "Zoe", "tab1");
        engine.setAvailability(zoe, Availability.BUSY);
        engine.setAvailability(zoe, Availability.AVAILABLE);
        UserId ann = kit.join("ann");
        engine.agentDisconnected(zoe, "tab1");
        kit.clock.advance(GRACE.minusSeconds(5));
        List<RoutingEvent> back = engine.agentConnected(zoe, "Zoe", "tab1-reloaded");
        assertThat(only(back, AgentAvailabilityChanged.class)).isEmpty();

        kit.clock.advance(GRACE);
        assertThat(engine.tick()).isEmpty();
        assertThat(kit.agentOf(ann)).isEqualTo(zoe);
        assertThat(kit.q().agent(zoe).orElseThrow().availability()).isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void chatsOfAnAgentWhoWentOfflineGoToTheFrontAndOnToOthersOldestFirst() {
        engine.agentConnected(zoe, "Zoe", "tab1");
        UserId yan = kit.agent("yan", 1);
        engine.setAvailability(yan, Availability.AWAY);
        UserId c1 = kit.join("c1");
        UserId c2 = kit.join("c2");
        UserId c3 = kit.join("c3");
        UserId c4 = kit.join("c4");
        assertThat(kit.entryOf(c4).state()).isEqualTo(EntryState.WAITING);
        engine.agentDisconnected(zoe, "tab1");
        kit.clock.advance(GRACE);
        engine.tick();
        assertThat(kit.q().queue()).extracting(QueueEntry::customer).containsExactly(c1, c2, c3, c4);

        List<RoutingEvent> events = engine.setAvailability(yan, Availability.AVAILABLE);

        assertThat(only(events, Assigned.class)).extracting(a -> a.entry().customer()).containsExactly(c1);
        assertThat(kit.entryOf(c1).heldBy()).containsExactly(zoe, yan);
    }

    @Test
    void withoutGraceTheLastDisconnectTakesTheAgentOfflineAtOnce() {
        RoutingKit noGrace = new RoutingKit(RoutingSettings.defaults().withOfflineGrace(Duration.ZERO));
        UserId a = noGrace.agent("a");
        UserId b = noGrace.agent("b");
        UserId ann = noGrace.join("ann");
        assertThat(noGrace.agentOf(ann)).isEqualTo(a);
        List<RoutingEvent> events = noGrace.engine.agentDisconnected(a, "a-tab1");
        assertThat(only(events, Assigned.class)).extracting(Assigned::agent).containsExactly(b);
    }

    @Test
    void signingOffPassesChatsOnEvenWhileConnected() {
        UserId a = kit.agent("a");
        UserId b = kit.agent("b");
        UserId ann = kit.join("ann");
        assertThat(kit.agentOf(ann)).isEqualTo(a);
        engine.setAvailability(a, Availability.OFFLINE);
        assertThat(kit.agentOf(ann)).isEqualTo(b);
    }

    @Test
    void offlineAgentComesBackAvailableOnTheNextConnection() {
        engine.agentConnected(zoe, "Zoe", "tab1");
        engine.agentDisconnected(zoe, "tab1");
        kit.clock.advance(GRACE);
        engine.tick();
        List<RoutingEvent> events = engine.agentConnected(zoe, null, "tab2");
        assertThat(only(events, AgentAvailabilityChanged.class)).singleElement()
                .satisfies(c -> assertThat(c.agent().availability()).isEqualTo(Availability.AVAILABLE));
        assertThat(kit.q().agent(zoe).orElseThrow().name()).isEqualTo("Zoe");
    }

    @Test
    void unknownDisconnectsAreIgnoredAndSettingTheSameValueSaysNothing() {
        assertThat(engine.agentDisconnected(zoe, "tab1")).isEmpty();
        engine.agentConnected(zoe, "Zoe", "tab1");
        assertThat(engine.agentDisconnected(zoe, "other")).isEmpty();
        assertThat(engine.setAvailability(zoe, Availability.AVAILABLE)).isEmpty();
        assertThat(engine.setMaxChats(zoe, 3)).isEmpty();
        assertThat(engine.setDepartments(zoe, Set.of())).isEmpty();
    }

    @Test
    void settingsChangesAreAnnouncedAndValidated() {
        engine.agentConnected(zoe, "Zoe", "tab1");
        assertThat(only(engine.setMaxChats(zoe, 5), AgentSettingsChanged.class)).singleElement()
                .satisfies(s -> assertThat(s.agent().maxConcurrentChats()).isEqualTo(5));
        assertThat(only(engine.setDepartments(zoe, Set.of(new Department("tech"))), AgentSettingsChanged.class))
                .singleElement().satisfies(s -> assertThat(s.agent().departments()).containsExactly(new Department("tech")));
        fails(ErrorCode.VALIDATION_FAILED, () -> engine.setMaxChats(zoe, 0));
        fails(ErrorCode.VALIDATION_FAILED, () -> engine.setMaxChats(zoe, RoutingSettings.MAX_CHATS_LIMIT + 1));
        fails(ErrorCode.VALIDATION_FAILED, () -> engine.agentConnected(zoe, "Zoe", " "));
        fails(ErrorCode.AGENT_NOT_FOUND, () -> engine.setAvailability(new UserId("nobody"), Availability.AWAY));
    }

    @Test
    void loweringTheLimitBelowTheLoadEndsNoChatButStopsNewOnes() {
        UserId a = kit.agent("a", 3);
        UserId c1 = kit.join("c1");
        UserId c2 = kit.join("c2");
        engine.setMaxChats(a, 1);
        UserId c3 = kit.join("c3");
        assertThat(List.of(kit.agentOf(c1), kit.agentOf(c2))).containsOnly(a);
        assertThat(kit.entryOf(c3).state()).isEqualTo(EntryState.WAITING);
        engine.end(kit.idOf(c1), a);
        assertThat(kit.entryOf(c3).state()).as("still at the limit of 1").isEqualTo(EntryState.WAITING);
    }

    @Test
    void unknownAvailabilityOnTheWireIsAValidationFailure() {
        assertThat(Availability.fromWire(" Away ")).isEqualTo(Availability.AWAY);
        fails(ErrorCode.VALIDATION_FAILED, () -> Availability.fromWire("sleeping"));
        assertThat(Availability.BUSY.wire()).isEqualTo("busy");
    }
}
