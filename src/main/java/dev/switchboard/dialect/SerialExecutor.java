package dev.switchboard.dialect;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one after another, in submission order, on a shared executor (virtual threads). One
 * per connection: a client's events are handled in the order it sent them (so its messages are
 * stored in that order) while different clients proceed in parallel, and no event loop blocks.
 */
public final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
    private static final AtomicIntegerFieldUpdater<SerialExecutor> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(SerialExecutor.class, "pending");

    private final Executor backing;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    // Tasks queued or running. The submitter that raises it from 0 starts the drain, and the drain
    // stops when it brings it back to 0: one counter field instead of a flag and a counter object
    // (one executor per connection, docs/performance.md step 8).
    private volatile int pending;

    public SerialExecutor(Executor backing) {
        this.backing = backing;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task); // before counting it, so that a drain that sees the count finds the task
        if (PENDING.getAndIncrement(this) == 0) backing.execute(this::drain);
    }

    /**
     * Queues the task unless {@code limit} tasks are already waiting or running; returns whether it
     * was queued. This is the back-pressure of one connection: a client that sends faster than its
     * events can be stored is told so at once instead of waiting behind an ever longer queue.
     */
    public boolean tryExecute(Runnable task, int limit) {
        if (pending >= limit) return false;
        execute(task);
        return true;
    }

    /**
     * Takes the connection's turn for the calling thread when nothing of it is queued or running; returns
     * whether it did. The caller then runs its task itself (an event loop handling an event that needs no
     * waiting, docs/architecture.md "Events on their loop") and must end its turn with {@link #release} or
     * {@link #continueWith}; tasks submitted meanwhile queue behind it, in order.
     */
    public boolean tryClaim() {
        return pending == 0 && PENDING.compareAndSet(this, 0, 1);
    }

    /** Ends a turn taken by {@link #tryClaim}: what was queued meanwhile starts on the backing executor. */
    public void release() {
        if (PENDING.decrementAndGet(this) > 0) backing.execute(this::drain);
    }

    /**
     * Ends a turn taken by {@link #tryClaim} by running {@code task} on the backing executor, before
     * anything queued meanwhile: an event that turned out to need waiting continues where waiting is allowed.
     */
    public void continueWith(Runnable task) {
        backing.execute(() -> {
            runSafely(task);
            if (PENDING.decrementAndGet(this) > 0) drain();
        });
    }

    private void drain() {
        do {
            runSafely(tasks.poll()); // never null: every count is a task added before it
        } while (PENDING.decrementAndGet(this) > 0);
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("task failed", e);
        }
    }
}
