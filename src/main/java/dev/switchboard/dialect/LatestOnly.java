package dev.switchboard.dialect;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Sends "the state now" broadcasts (how many agents are available, the technicians' list) at most
 * once per window per kind, always with the latest state. Such a broadcast goes to every connection,
 * so sending one per change made a burst of N agents connecting cost N broadcasts to N connections
 * (N² frames: 2,000 sockets took 16–22 s to connect; docs/performance.md, step 7). The first change
 * after a quiet window goes out at once (through the scheduler, with no delay); changes within the
 * window are folded into one broadcast at its end, which computes the state when it runs.
 * Thread-safe.
 */
public final class LatestOnly {
    /** Runs a task after a delay, off the caller's thread. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, Duration delay);
    }

    private static final class Slot {
        Runnable latest;
        boolean pending;
        boolean ranBefore;
        long lastRunNanos;
    }

    private final Scheduler scheduler;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public LatestOnly(Scheduler scheduler, Duration window, LongSupplier nanoTime) {
        this.scheduler = Objects.requireNonNull(scheduler);
        this.windowNanos = window.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    /**
     * Asks for {@code broadcast} to run: at once when the last broadcast of {@code kind} was a window
     * ago or more, else once at the end of the window, replaced by any later request of the same kind.
     */
    public void submit(String kind, Runnable broadcast) {
        Objects.requireNonNull(broadcast);
        Slot slot = slots.computeIfAbsent(kind, k -> new Slot());
        long delay;
        synchronized (slot) {
            slot.latest = broadcast;
            if (slot.pending) return;
            slot.pending = true;
            long since = nanoTime.getAsLong() - slot.lastRunNanos;
            delay = !slot.ranBefore || since >= windowNanos ? 0 : windowNanos - since;
        }
        scheduler.schedule(() -> fire(slot), Duration.ofNanos(delay));
    }

    private void fire(Slot slot) {
        Runnable broadcast;
        synchronized (slot) {
            broadcast = slot.latest;
            slot.latest = null;
            slot.pending = false;
            slot.ranBefore = true;
            slot.lastRunNanos = nanoTime.getAsLong();
        }
        if (broadcast != null) broadcast.run();
    }
}
