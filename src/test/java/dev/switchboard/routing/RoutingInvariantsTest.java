package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.AvailableAgentsCount;
import dev.switchboard.routing.RoutingEvent.PositionChanged;
import dev.switchboard.routing.RoutingEvent.QueueChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random operation sequences (fixed seeds, so failures replay) after each of which the desk must
 * be consistent, what was announced must match what the queries say, and a failed operation must
 * have changed nothing.
 */
class RoutingInvariantsTest {
    private static final int STEPS = 5_000;
    private static final List<Department> DEPARTMENTS =
            List.of(Department.GENERAL, new Department("billing"), new Department("tech"));

    private Random random;
    private RoutingKit kit;
    private final List<UserId> agents = new ArrayList<>();
    private final List<UserId> customers = new ArrayList<>();
    private final Map<UserId, Integer> tabs = new HashMap<>();
    private final Map<UserId, Integer> announcedPositions = new HashMap<>();
    private final Map<Department, List<QueueEntry>> announcedQueues = new HashMap<>();
    private int announcedAvailable;
    private Map<UserId, Integer> loads = Map.of();
    private final Map<Class<?>, Integer> seen = new HashMap<>();

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void desksAssigningDirectlyStayConsistentUnderRandomOperations(Strategy strategy) {
        run(RoutingSettings.defaults().withStrategy(strategy).withDefaultMaxChats(2), 42 + strategy.ordinal());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void desksWithOffersAndTimeoutsStayConsistentUnderRandomOperations(Strategy strategy) {
        run(RoutingSettings.defaults().withStrategy(strategy).withDefaultMaxChats(2)
                .withOfferTimeout(Duration.ofSeconds(20)).withMaxQueueWait(Duration.ofMinutes(5)), 7 + strategy.ordinal());
    }

    private void run(RoutingSettings settings, long seed) {
        random = new Random(seed);
        kit = new RoutingKit(settings);
        for (int i = 0; i < 6; i++) agents.add(new UserId("agent" + i));
        for (int i = 0; i < 25; i++) customers.add(new UserId("customer" + i));
        for (int step = 0; step < STEPS; step++) {
            List<Object> before = fingerprint();
            try {
                record(randomOperation().get());
            } catch (SwitchboardException expected) {
                assertThat(fingerprint()).as("a failed operation changes nothing (step %d)", step).isEqualTo(before);
            }
            checkInvariants(step);
        }
        assertThat(seen).as("the sequence exercised the desk").containsKeys(RoutingEvent.Assigned.class,
                RoutingEvent.Transferred.class, RoutingEvent.Ended.class, RoutingEvent.Left.class,
                RoutingEvent.Unassigned.class, RoutingEvent.NoAgentAvailable.class);
        if (settings.usesOffers()) {
            assertThat(seen).containsKeys(RoutingEvent.Offered.class, RoutingEvent.OfferWithdrawn.class,
                    RoutingEvent.TimedOut.class);
        }
    }

    private Supplier<List<RoutingEvent>> randomOperation() {
        RoutingEngine e = kit.engine;
        UserId agent = pick(agents);
        UserId customer = pick(customers);
        QueueEntryId entry = kit.q().activeEntry(customer).map(QueueEntry::id).orElseGet(QueueEntryId::random);
        // mostly aim agent actions at what the agent holds, or they would nearly always be refused
        Agent held = kit.q().agent(agent).orElse(null);
        QueueEntryId chat = held != null && !held.chats().isEmpty() && random.nextInt(5) > 0 ? pick(held.chats()) : entry;
        QueueEntryId offer = held != null && !held.offers().isEmpty() && random.nextInt(5) > 0 ? pick(held.offers()) : entry;
        return switch (random.nextInt(16)) {
            case 0, 1 -> () -> e.join(new QueueRequest(customer, CustomerDetails.NONE, pick(DEPARTMENTS)));
            case 2 -> () -> e.call(new QueueRequest(customer, CustomerDetails.NONE, pick(DEPARTMENTS)));
            case 3 -> () -> e.leave(customer);
            case 4 -> () -> e.pick(agent, entry);
            case 5 -> () -> e.accept(agent, offer);
            case 6 -> () -> e.reject(agent, random.nextBoolean() ? offer : chat);
            case 7 -> () -> e.transfer(agent, chat, pick(agents));
            case 8 -> () -> e.transferToAny(agent, chat);
            case 9 -> () -> e.end(chat, random.nextInt(4) > 0 ? agent : customer);
            case 10 -> () -> e.setAvailability(agent, pick(List.of(Availability.values())));
            case 11 -> () -> e.setMaxChats(agent, 1 + random.nextInt(3));
            case 12 -> () -> e.setDepartments(agent, random.nextBoolean() ? Set.of() : Set.of(pick(DEPARTMENTS)));
            case 13 -> () -> {
                int tab = tabs.merge(agent, 1, Integer::sum);
                return e.agentConnected(agent, agent.value(), "tab" + tab);
            };
            case 14 -> () -> e.agentDisconnected(agent, "tab" + tabs.getOrDefault(agent, 0));
            default -> () -> {
                kit.clock.advance(Duration.ofSeconds(random.nextInt(40)));
                return e.tick();
            };
        };
    }

    private void record(List<RoutingEvent> events) {
        for (RoutingEvent event : events) {
            seen.merge(event.getClass(), 1, Integer::sum);
            switch (event) {
                case PositionChanged p -> announcedPositions.put(p.customer(), p.position());
                case QueueChanged q -> announcedQueues.put(q.department(), q.queue());
                case AvailableAgentsCount c -> announcedAvailable = c.count();
                default -> { }
            }
        }
    }

    private void checkInvariants(int step) {
        String at = "step " + step;
        List<Agent> all = kit.q().agents();
        List<QueueEntry> queue = kit.q().queue();
        Set<QueueEntryId> held = new HashSet<>();
        Map<UserId, Integer> nowLoads = new HashMap<>();
        for (Agent a : all) {
            nowLoads.put(a.id(), a.load());
            if (a.load() > a.maxConcurrentChats()) {
                assertThat(a.load()).as("%s: %s over the limit got more", at, a.id()).isLessThanOrEqualTo(loads.get(a.id()));
            }
            for (QueueEntryId id : a.chats()) {
                assertThat(held.add(id)).as("%s: %s held twice", at, id).isTrue();
                QueueEntry e = kit.q().entry(id).orElseThrow();
                assertThat(e.state()).isEqualTo(EntryState.ASSIGNED);
                assertThat(e.agent()).isEqualTo(a.id());
            }
            for (QueueEntryId id : a.offers()) {
                assertThat(held.add(id)).as("%s: %s offered twice", at, id).isTrue();
                QueueEntry e = kit.q().entry(id).orElseThrow();
                assertThat(e.state()).isEqualTo(EntryState.OFFERED);
                assertThat(e.agent()).isEqualTo(a.id());
            }
        }
        loads = nowLoads;
        for (UserId c : customers) {
            kit.q().activeEntry(c).ifPresent(e -> {
                assertThat(e.customer()).isEqualTo(c);
                if (e.state().isQueued()) {
                    int position = kit.q().position(c).orElseThrow().position();
                    assertThat(announcedPositions.get(c)).as("%s: announced position of %s", at, c).isEqualTo(position);
                } else {
                    assertThat(held).contains(e.id());
                }
            });
        }
        for (Department d : DEPARTMENTS) {
            List<QueueEntry> q = kit.q().queue(d);
            assertThat(announcedQueues.getOrDefault(d, List.of())).as("%s: announced queue of %s", at, d).isEqualTo(q);
            for (int i = 0; i < q.size(); i++) {
                assertThat(kit.q().position(q.get(i).customer()).orElseThrow().position()).isEqualTo(i + 1);
            }
        }
        assertThat(queue).allSatisfy(e -> assertThat(e.state().isQueued()).isTrue());
        int available = (int) all.stream().filter(Agent::canTakeChat).count();
        assertThat(kit.q().availableAgents()).as(at).isEqualTo(available);
        assertThat(announcedAvailable).as("%s: announced available count", at).isEqualTo(available);
    }

    private List<Object> fingerprint() {
        List<Object> state = new ArrayList<>(kit.q().agents());
        state.addAll(kit.q().queue());
        for (UserId c : customers) state.add(kit.q().activeEntry(c));
        return state;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
