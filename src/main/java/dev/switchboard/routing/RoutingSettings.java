package dev.switchboard.routing;

import dev.switchboard.common.SwitchboardException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the desk routes; validated on construction.
 *
 * @param strategy how waiting customers reach agents
 * @param defaultMaxChats concurrent chats an agent takes until told otherwise (1..{@value #MAX_CHATS_LIMIT})
 * @param offerTimeout how long an agent has to accept an automatic offer; zero assigns directly
 * @param offlineGrace how long an agent without connections keeps their availability and chats
 *     (page reloads, flaky networks); zero takes them offline at once
 * @param averageHandleTime the expected length of one chat, for the wait estimates customers see
 * @param maxQueueWait how long a customer may wait before the entry times out; zero waits forever
 */
public record RoutingSettings(Strategy strategy, int defaultMaxChats, Duration offerTimeout, Duration offlineGrace,
        Duration averageHandleTime, Duration maxQueueWait) {
    public static final int MAX_CHATS_LIMIT = 100;

    public RoutingSettings {
        Objects.requireNonNull(strategy, "strategy");
        checkMaxChats(defaultMaxChats);
        notNegative("offer timeout", offerTimeout);
        notNegative("offline grace", offlineGrace);
        notNegative("average handle time", averageHandleTime);
        notNegative("maximum queue wait", maxQueueWait);
    }

    /** Round robin, 3 chats, direct assignment, 30 s grace, 5 min per chat, no queue timeout. */
    public static RoutingSettings defaults() {
        return new RoutingSettings(Strategy.ROUND_ROBIN, 3, Duration.ZERO, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ZERO);
    }

    public RoutingSettings withStrategy(Strategy s) {
        return new RoutingSettings(s, defaultMaxChats, offerTimeout, offlineGrace, averageHandleTime, maxQueueWait);
    }

    public RoutingSettings withDefaultMaxChats(int n) {
        return new RoutingSettings(strategy, n, offerTimeout, offlineGrace, averageHandleTime, maxQueueWait);
    }

    public RoutingSettings withOfferTimeout(Duration d) {
        return new RoutingSettings(strategy, defaultMaxChats, d, offlineGrace, averageHandleTime, maxQueueWait);
    }

    public RoutingSettings withOfflineGrace(Duration d) {
        return new RoutingSettings(strategy, defaultMaxChats, offerTimeout, d, averageHandleTime, maxQueueWait);
    }

    public RoutingSettings withMaxQueueWait(Duration d) {
        return new RoutingSettings(strategy, defaultMaxChats, offerTimeout, offlineGrace, averageHandleTime, d);
    }

    public boolean usesOffers() {
        return offerTimeout.isPositive();
    }

    static void checkMaxChats(int n) {
        if (n < 1 || n > MAX_CHATS_LIMIT) {
            throw SwitchboardException.invalid("max concurrent chats must be 1.." + MAX_CHATS_LIMIT);
        }
    }

    private static void notNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) throw SwitchboardException.invalid(what + " must not be negative");
    }
}
