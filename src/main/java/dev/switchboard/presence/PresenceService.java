package dev.switchboard.presence;

import dev.switchboard.identity.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online on this node (C4): a user is online while at least one of their connections
 * (tabs, devices) is open. Reports the transitions, so callers announce a user once when the first
 * tab opens and once when the last one closes. Thread-safe, non-blocking.
 */
public final class PresenceService {
    private final Clock clock;
    private final Map<UserId, Integer> connections = new ConcurrentHashMap<>();
    private final Map<UserId, Instant> lastSeen = new ConcurrentHashMap<>();

    public PresenceService(Clock clock) {
        this.clock = clock;
    }

    /** Counts a new connection; true when it brought the user online. */
    public boolean connected(UserId user) {
        return connections.merge(user, 1, Integer::sum) == 1;
    }

    /** Counts a closed connection; true when it was the user's last (the user is now offline). */
    public boolean disconnected(UserId user) {
        boolean[] offline = {false};
        connections.computeIfPresent(user, (u, n) -> {
            if (n > 1) return n - 1;
            offline[0] = true;
            return null;
        });
        if (offline[0]) lastSeen.put(user, clock.instant());
        return offline[0];
    }

    public boolean isOnline(UserId user) {
        return connections.containsKey(user);
    }

    /** Number of open connections of the user on this node. */
    public int connectionCount(UserId user) {
        return connections.getOrDefault(user, 0);
    }

    /** When the user's last connection on this node closed, if it did since start. */
    public Optional<Instant> lastSeen(UserId user) {
        return isOnline(user) ? Optional.of(clock.instant()) : Optional.ofNullable(lastSeen.get(user));
    }

    public Set<UserId> online() {
        return Set.copyOf(connections.keySet());
    }
}
