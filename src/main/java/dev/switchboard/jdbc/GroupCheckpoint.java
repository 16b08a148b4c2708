package dev.switchboard.jdbc;

import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for checkpoints: a caller whose transaction has committed waits until a checkpoint
 * that started after its commit has finished. One caller at a time runs the checkpoint; everyone
 * who arrived before it started is covered by it, everyone who arrives meanwhile by the next one, so
 * a burst of writers (a thousand agents connecting at once) costs a few checkpoints, not a thousand
 * in a row. A failed checkpoint covers nobody: its callers get the failure, the others try again.
 */
final class GroupCheckpoint {
    private final Runnable checkpoint;
    private final ReentrantLock lock = new ReentrantLock(); // not synchronized: callers are virtual threads
    private final Condition finished = lock.newCondition();
    private long requested; // tickets handed out
    private long covered;   // every ticket up to this one is durable
    private boolean running;

    GroupCheckpoint(Runnable checkpoint) {
        this.checkpoint = Objects.requireNonNull(checkpoint);
    }

    /** Returns once everything committed before this call is written by a checkpoint; throws what failed it. */
    void await() {
        long ticket;
        long target;
        lock.lock();
        try {
            ticket = ++requested;
            while (true) {
                if (covered >= ticket) return;
                if (!running) break;
                finished.awaitUninterruptibly();
            }
            running = true;
            target = requested; // everyone with a ticket so far committed before this checkpoint starts
        } finally {
            lock.unlock();
        }
        boolean ok = false;
        try {
            checkpoint.run();
            ok = true;
        } finally {
            lock.lock();
            try {
                if (ok) covered = Math.max(covered, target);
                running = false;
                finished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
