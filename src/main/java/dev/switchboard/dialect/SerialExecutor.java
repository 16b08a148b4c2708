package dev.switchboard.dialect;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one after another, in submission order, on a shared executor (virtual threads). One
 * per connection: a client's events are handled in the order it sent them (so its messages are
 * stored in that order) while different clients proceed in parallel, and no event loop blocks.
 */
public final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor backing;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();

    public SerialExecutor(Executor backing) {
        this.backing = backing;
    }

    @Override
    public void execute(Runnable task) {
        pending.incrementAndGet();
        tasks.add(task);
        if (running.compareAndSet(false, true)) backing.execute(this::drain);
    }

    /**
     * Queues the task unless {@code limit} tasks are already waiting or running; returns whether it
     * was queued. This is the back-pressure of one connection: a client that sends faster than its
     * events can be stored is told so at once instead of waiting behind an ever longer queue.
     */
    public boolean tryExecute(Runnable task, int limit) {
        if (pending.get() >= limit) return false;
        execute(task);
        return true;
    }

    private void drain() {
        while (true) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("task failed", e);
                } finally {
                    pending.decrementAndGet();
                }
            }
            running.set(false);
            // a task added after the last poll but before the flag dropped must not be stranded
            if (tasks.isEmpty() || !running.compareAndSet(false, true)) return;
        }
    }
}
