package dev.switchboard.identity;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one e-mail within
 * {@code window}, further attempts for it are refused with RATE_LIMITED (even with the right
 * password) until the oldest of those failures leaves the window. A success clears the count.
 * In memory, per node, bounded: it tracks at most {@code maxTracked} e-mails, forgetting the least
 * recently failed, so a flood of invented addresses cannot grow it.
 */
public final class LoginThrottle {
    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final int maxTracked;
    private final Map<String, Deque<Instant>> failures;

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this(maxFailures, window, clock, MAX_TRACKED);
    }

    LoginThrottle(int maxFailures, Duration window, Clock clock, int maxTracked) {
        if (maxFailures < 1) throw new IllegalArgumentException("maxFailures must be >= 1");
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = Objects.requireNonNull(clock);
        this.maxTracked = maxTracked;
        this.failures = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Throws RATE_LIMITED, saying when to retry, while the e-mail is locked out. */
    public synchronized void check(String emailKey) {
        Deque<Instant> recent = prune(emailKey);
        if (recent != null && recent.size() >= maxFailures) {
            long seconds = Math.max(1, Duration.between(clock.instant(), recent.peekFirst().plus(window)).toSeconds());
            throw new SwitchboardException(ErrorCode.RATE_LIMITED,
                    "too many failed sign-ins for this e-mail; try again in " + seconds + " s");
        }
    }

    public synchronized void failed(String emailKey) {
        Deque<Instant> recent = failures.computeIfAbsent(emailKey, k -> new ArrayDeque<>());
        recent.addLast(clock.instant());
        while (recent.size() > maxFailures) recent.removeFirst();
        if (failures.size() > maxTracked) {
            var eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    public synchronized void succeeded(String emailKey) {
        failures.remove(emailKey);
    }

    private Deque<Instant> prune(String emailKey) {
        Deque<Instant> recent = failures.get(emailKey);
        if (recent == null) return null;
        Instant horizon = clock.instant().minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) recent.removeFirst();
        if (recent.isEmpty()) failures.remove(emailKey);
        return recent;
    }
}
