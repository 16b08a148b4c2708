package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.UserId;
import dev.switchboard.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A desk under test with a clock that stands still, and shorthands for agents and customers. */
final class RoutingKit {
    static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final RoutingEngine engine;

    RoutingKit(RoutingSettings settings) {
        this.engine = new RoutingEngine(settings, clock);
    }

    static RoutingKit manual() {
        return new RoutingKit(RoutingSettings.defaults().withStrategy(Strategy.MANUAL));
    }

    static RoutingKit with(Strategy strategy) {
        return new RoutingKit(RoutingSettings.defaults().withStrategy(strategy));
    }

    RoutingQueries q() {
        return engine.queries();
    }

    /** Connects an agent with one connection named after them. */
    UserId agent(String name) {
        UserId id = new UserId(name);
        engine.agentConnected(id, name, name + "-tab1");
        return id;
    }

    UserId agent(String name, int maxChats) {
        UserId id = agent(name);
        engine.setMaxChats(id, maxChats);
        return id;
    }

    /** Joins the general queue; returns the customer. */
    UserId join(String name) {
        return join(name, Department.GENERAL);
    }

    UserId join(String name, Department department) {
        UserId id = new UserId(name);
        engine.join(new QueueRequest(id, CustomerDetails.of(name, name + "@example.com", "help"), department));
        return id;
    }

    QueueEntry entryOf(UserId customer) {
        return q().activeEntry(customer).orElseThrow();
    }

    QueueEntryId idOf(UserId customer) {
        return entryOf(customer).id();
    }

    UserId agentOf(UserId customer) {
        return entryOf(customer).agent();
    }

    int position(UserId customer) {
        return q().position(customer).orElseThrow().position();
    }

    static <T extends RoutingEvent> List<T> only(List<RoutingEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static void fails(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SwitchboardException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
