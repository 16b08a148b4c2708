package dev.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * The desk's one timer: armed for the engine's next deadline (offer lapse, offline grace, queue
 * timeout), never per customer. It waits at most {@link #LONGEST_WAIT} at a time and then checks
 * the injected clock again, so a clock that jumps (a test's, or NTP) is noticed within a second;
 * with nothing due it is not armed at all. Guarded by the routing service's lock.
 *
 * <p>Once closed it stays disarmed: on shutdown the disconnects of the last connections still
 * reach the engine (and are stored) after the scheduler has stopped, and their deadlines are
 * then the next server's business — it restores the stored queue and arms its own timer.
 */
final class RoutingTimer implements AutoCloseable {
    static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

    private final Clock clock;
    private final RoutingService.Scheduler scheduler;
    private final Runnable fire;
    private Future<?> armed;
    private long armedForNanos;
    private boolean closed;

    RoutingTimer(Clock clock, RoutingService.Scheduler scheduler, Runnable fire) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.fire = fire;
    }

    boolean due(Optional<Instant> deadline) {
        return deadline.isPresent() && !clock.instant().isBefore(deadline.get());
    }

    /** Arms the timer for the deadline (or within a second to retry unsaved changes); keeps an earlier arming. */
    void reschedule(Optional<Instant> deadline, boolean retry) {
        if (closed || deadline.isEmpty() && !retry) {
            disarm();
            return;
        }
        Duration wait = LONGEST_WAIT;
        if (deadline.isPresent()) {
            Duration until = Duration.between(clock.instant(), deadline.get());
            if (until.compareTo(wait) < 0) wait = until.isNegative() ? Duration.ZERO : until;
        }
        long fireAt = System.nanoTime() + wait.toNanos();
        if (armed != null && !armed.isDone() && armedForNanos - fireAt <= 0) return;
        disarm();
        armed = scheduler.schedule(fire, wait);
        armedForNanos = fireAt;
    }

    private void disarm() {
        if (armed != null) armed.cancel(false);
        armed = null;
    }

    @Override
    public void close() {
        closed = true;
        disarm();
    }
}
