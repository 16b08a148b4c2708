package dev.switchboard.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Chooses among the agents who could take a customer. Round robin takes the one whose last
 * assignment is longest ago (a fair rotation that survives agents coming and going); least busy
 * takes the lowest load and breaks ties the same way, i.e. by longest idle. First appearance breaks
 * the remaining ties, so the choice is deterministic.
 */
final class RoutingPolicy {
    private static final Comparator<AgentSlot> LONGEST_IDLE =
            Comparator.<AgentSlot>comparingLong(a -> a.lastTurn).thenComparingLong(a -> a.registration);
    private static final Comparator<AgentSlot> LEAST_LOADED =
            Comparator.<AgentSlot>comparingInt(AgentSlot::load).thenComparing(LONGEST_IDLE);

    private RoutingPolicy() {}

    static Optional<AgentSlot> choose(Strategy strategy, Collection<AgentSlot> candidates) {
        return switch (strategy.automatic()) {
            case LEAST_BUSY -> candidates.stream().min(LEAST_LOADED);
            default -> candidates.stream().min(LONGEST_IDLE);
        };
    }
}
