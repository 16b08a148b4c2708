package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingKit.fails;
import static dev.switchboard.routing.RoutingKit.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.Assigned;
import dev.switchboard.routing.RoutingEvent.NoAgentAvailable;
import dev.switchboard.routing.RoutingEvent.OfferWithdrawn;
import dev.switchboard.routing.RoutingEvent.Offered;
import dev.switchboard.routing.RoutingEvent.Unassigned;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final RoutingKit kit = new RoutingKit(RoutingSettings.defaults().withOfferTimeout(TIMEOUT));
    private final RoutingEngine engine = kit.engine;

    @Test
    void automaticRoutingOffersWithADeadlineAndTheOfferHoldsASlot() {
        UserId zoe = kit.agent("zoe", 1);
        UserId ann = new UserId("ann");
        List<RoutingEvent> events = engine.join(QueueRequest.of(ann));

        assertThat(only(events, Offered.class)).singleElement().satisfies(o -> {
            assertThat(o.agent()).isEqualTo(zoe);
            assertThat(o.deadline()).isEqualTo(RoutingKit.START.plus(TIMEOUT));
        });
        assertThat(kit.entryOf(ann).state()).isEqualTo(EntryState.OFFERED);
        assertThat(kit.position(ann)).as("an offered customer still waits").isEqualTo(1);
        assertThat(kit.q().offers(zoe)).extracting(Offer::entry).containsExactly(kit.idOf(ann));
        assertThat(kit.q().availableAgents()).isZero();
        assertThat(kit.q().nextDeadline()).contains(RoutingKit.START.plus(TIMEOUT));
    }

    @Test
    void acceptingAnOfferAssignsTheCustomer() {
        UserId zoe = kit.agent("zoe");
        UserId ann = kit.join("ann");
        List<RoutingEvent> events = engine.accept(zoe, kit.idOf(ann));
        assertThat(only(events, Assigned.class)).hasSize(1);
        assertThat(kit.entryOf(ann).state()).isEqualTo(EntryState.ASSIGNED);
        assertThat(kit.q().offers(zoe)).isEmpty();
        assertThat(kit.q().assignments(zoe)).hasSize(1);
        assertThat(engine.accept(zoe, kit.idOf(ann))).as("accepting again changes nothing").isEmpty();
    }

    @Test
    void onlyTheAgentOfferedCanAccept() {
        kit.agent("zoe");
        UserId yan = kit.agent("yan");
        UserId ann = kit.join("ann");
        fails(ErrorCode.NO_PENDING_OFFER, () -> engine.accept(yan, kit.idOf(ann)));
        fails(ErrorCode.NO_PENDING_OFFER, () -> engine.reject(yan, kit.idOf(ann)));
    }

    @Test
    void rejectPassesToTheNextAgentAndNeverBackToOneWhoRejected() {
        UserId a = kit.agent("a");
        UserId b = kit.agent("b");
        UserId c = kit.agent("c");
        UserId ann = kit.join("ann");
        assertThat(kit.agentOf(ann)).isEqualTo(a);

        List<RoutingEvent> first = engine.reject(a, kit.idOf(ann));
        assertThat(only(first, OfferWithdrawn.class)).singleElement()
                .satisfies(w -> assertThat(w.reason()).isEqualTo(ReleaseReason.REJECTED));
        assertThat(only(first, Offered.class)).extracting(Offered::agent).containsExactly(b);
        engine.reject(b, kit.idOf(ann));
        assertThat(kit.agentOf(ann)).isEqualTo(c);

        List<RoutingEvent> last = engine.reject(c, kit.idOf(ann));
        assertThat(only(last, NoAgentAvailable.class)).hasSize(1);
        assertThat(kit.entryOf(ann).state()).isEqualTo(EntryState.WAITING);
        assertThat(kit.position(ann)).isEqualTo(1);

        UserId d = kit.agent("d");
        assertThat(kit.agentOf(ann)).as("a new agent gets it").isEqualTo(d);
    }

    @Test
    void rejectedCustomerCanStillBePickedByHand() {
        UserId a = kit.agent("a");
        UserId ann = kit.join("ann");
        engine.reject(a, kit.idOf(ann));
        engine.pick(a, kit.idOf(ann));
        assertThat(kit.agentOf(ann)).isEqualTo(a);
    }

    @Test
    void lapsedOfferIsOfferedToTheNextAgentOnTick() {
        UserId a = kit.agent("a");
        UserId b = kit.agent("b");
        UserId ann = kit.join("ann");
        kit.clock.advance(TIMEOUT.minusSeconds(1));
        assertThat(engine.tick()).isEmpty();

        kit.clock.advance(Duration.ofSeconds(1));
        List<RoutingEvent> events = engine.tick();

        assertThat(only(events, OfferWithdrawn.class)).singleElement().satisfies(w -> {
            assertThat(w.agent()).isEqualTo(a);
            assertThat(w.reason()).isEqualTo(ReleaseReason.OFFER_TIMED_OUT);
        });
        assertThat(only(events, Offered.class)).extracting(Offered::agent).containsExactly(b);
        assertThat(kit.q().agent(a).orElseThrow().load()).isZero();

        kit.clock.advance(TIMEOUT);
        assertThat(only(engine.tick(), NoAgentAvailable.class)).hasSize(1);
    }

    @Test
    void pickByAnotherAgentWithdrawsThePendingOffer() {
        UserId a = kit.agent("a");
        UserId b = kit.agent("b");
        UserId ann = kit.join("ann");
        List<RoutingEvent> events = engine.pick(b, kit.idOf(ann));
        assertThat(only(events, OfferWithdrawn.class)).singleElement()
                .satisfies(w -> assertThat(w.reason()).isEqualTo(ReleaseReason.PICKED_BY_OTHER));
        assertThat(kit.agentOf(ann)).isEqualTo(b);
        assertThat(kit.q().offers(a)).isEmpty();
    }

    @Test
    void goingAwayPassesPendingOffersOnButKeepsChats() {
        UserId a = kit.agent("a");
        UserId b = kit.agent("b");
        UserId ann = kit.join("ann");
        engine.accept(a, kit.idOf(ann));
        UserId bob = kit.join("bob");
        assertThat(kit.agentOf(bob)).isEqualTo(b);

        List<RoutingEvent> events = engine.setAvailability(b, Availability.AWAY);

        assertThat(only(events, OfferWithdrawn.class)).singleElement()
                .satisfies(w -> assertThat(w.reason()).isEqualTo(ReleaseReason.AGENT_UNAVAILABLE));
        assertThat(kit.agentOf(bob)).isEqualTo(a);
        assertThat(kit.agentOf(ann)).isEqualTo(a);
    }

    @Test
    void customerLeavingWithdrawsTheOfferAndFreesTheSlot() {
        UserId a = kit.agent("a", 1);
        UserId ann = kit.join("ann");
        List<RoutingEvent> events = engine.leave(ann);
        assertThat(only(events, OfferWithdrawn.class)).singleElement()
                .satisfies(w -> assertThat(w.reason()).isEqualTo(ReleaseReason.CUSTOMER_GONE));
        assertThat(kit.q().agent(a).orElseThrow().load()).isZero();
        assertThat(kit.q().availableAgents()).isEqualTo(1);
    }

    @Test
    void rejectingAnAssignedChatPutsTheCustomerInFrontAndOnToTheNextAgent() {
        RoutingKit direct = RoutingKit.with(Strategy.ROUND_ROBIN);
        UserId a = direct.agent("a", 1);
        UserId ann = direct.join("ann");
        UserId bob = direct.join("bob");
        assertThat(direct.agentOf(ann)).isEqualTo(a);

        List<RoutingEvent> events = direct.engine.reject(a, direct.idOf(ann));

        assertThat(only(events, Unassigned.class)).singleElement()
                .satisfies(u -> assertThat(u.reason()).isEqualTo(ReleaseReason.REJECTED));
        assertThat(only(events, NoAgentAvailable.class)).extracting(n -> n.entry().customer()).containsExactly(ann);
        assertThat(direct.agentOf(bob)).as("the freed slot goes to the next who did not reject").isEqualTo(a);
        assertThat(direct.position(ann)).isEqualTo(1);
        UserId b = direct.agent("b", 1);
        assertThat(direct.agentOf(ann)).isEqualTo(b);
    }
}
