package dev.switchboard.engineio;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what one thread hands to event loops while it handles one event (frames to write,
 * sessions to close) and hands it over when the event is done, as one task per loop. Seed 004's
 * {@code send-message} writes the ack to the sender's loop and {@code receive-message} to the
 * receiver's; when both sockets share a loop, that loop gets one task and at most one wake-up
 * instead of two. Each loop's tasks run in the order they were given, so frames to one socket keep
 * their order; the price is that frames an event's handler writes leave when the handler returns,
 * not while it still works (handlers store first and announce last, so little waits).
 *
 * <p>The open handover belongs to the thread (a virtual thread handling one connection's event),
 * so that the deliveries made deep inside the domain's announcements join it without a parameter
 * on every call. Threads without one (event loops, timers) hand work over at once, as before.
 */
public final class LoopHandover {
    private static final Logger log = LoggerFactory.getLogger(LoopHandover.class);
    private static final ThreadLocal<LoopHandover> OPEN = new ThreadLocal<>();

    // Nearly always one or two loops: parallel lists, not a map.
    private final List<EventLoop> loops = new ArrayList<>(2);
    private final List<List<Runnable>> tasks = new ArrayList<>(2);

    private LoopHandover() {}

    /**
     * Runs {@code body} on this thread, keeping back the work it gives to event loops, and hands
     * that over afterwards (also when the body throws). Nested calls join the outer handover.
     * Call it off the event loops.
     */
    public static void around(Runnable body) {
        if (OPEN.get() != null) {
            body.run();
            return;
        }
        LoopHandover handover = new LoopHandover();
        OPEN.set(handover);
        try {
            body.run();
        } finally {
            OPEN.remove();
            handover.handOver();
        }
    }

    /** Keeps {@code task} for {@code loop} when this thread has a handover open; returns whether it did. */
    static boolean defer(EventLoop loop, Runnable task) {
        LoopHandover handover = OPEN.get();
        if (handover == null) return false;
        int at = handover.loops.indexOf(loop);
        if (at < 0) {
            handover.loops.add(loop);
            handover.tasks.add(new ArrayList<>(2));
            at = handover.loops.size() - 1;
        }
        handover.tasks.get(at).add(task);
        return true;
    }

    /** Hands {@code task} to {@code loop} now; nothing to do when the loop is shutting down. */
    static void execute(EventLoop loop, Runnable task) {
        if (loop.isShuttingDown()) return;
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the server is stopping: the sessions go with it
        }
    }

    private void handOver() {
        for (int i = 0; i < loops.size(); i++) {
            List<Runnable> batch = tasks.get(i);
            execute(loops.get(i), batch.size() == 1 ? batch.get(0) : () -> runAll(batch));
        }
    }

    private static void runAll(List<Runnable> batch) {
        for (Runnable task : batch) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // as a task of its own would have been: logged, and the others still run
                log.warn("a task handed to an event loop failed", e);
            }
        }
    }
}
