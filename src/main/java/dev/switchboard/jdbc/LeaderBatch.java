package dev.switchboard.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Batches small writes without a thread of its own: a caller that finds no batch being written
 * becomes the writer and stores everything queued up to and including its own item, in batches; the
 * other callers wait for the batch that holds their item. A burst of a thousand (users going offline
 * when a proxy drops every connection; writers asking for a checkpoint, in {@link Jdbc}; messages
 * going into the journal, in {@link MessageWriteBehind}) becomes a few writes instead of a thousand.
 * Once its own item is written the writer returns and makes the oldest waiting caller the writer
 * of what came after, so that nobody's answer waits for a stream of later arrivals. A failed batch
 * fails the callers whose items it held. Callers block: virtual threads or workers, never an event loop.
 */
final class LeaderBatch<T> {
    private static final int WAITING = 0;
    private static final int LEAD = 1;
    private static final int STORED = 2;
    private static final int FAILED = 3;

    private static final class Pending<T> {
        final T item;
        final Thread caller = Thread.currentThread();
        volatile int state = WAITING;
        RuntimeException error; // written before state becomes FAILED

        Pending(T item) {
            this.item = item;
        }

        void set(int to) {
            state = to;
            LockSupport.unpark(caller);
        }
    }

    private final Consumer<List<T>> writeAll;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    /** @param writeAll stores its items in one transaction, or throws and stores none */
    LeaderBatch(int maxBatch, Consumer<List<T>> writeAll) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be >= 1");
        this.maxBatch = maxBatch;
        this.writeAll = Objects.requireNonNull(writeAll);
    }

    /** Returns once {@code item} is stored; throws what failed its batch. */
    void submit(T item) {
        Pending<T> mine = new Pending<>(Objects.requireNonNull(item));
        queue.add(mine);
        if (writing.compareAndSet(false, true)) {
            // The writer before may have taken and written this item after it was queued; it set its
            // state before letting go of writing, so a state still WAITING means it is in the queue.
            if (mine.state == WAITING) {
                mine.state = LEAD;
            } else {
                handOver();
            }
        }
        boolean interrupted = false;
        try {
            while (true) {
                switch (mine.state) {
                    case LEAD -> lead(mine);
                    case STORED -> {
                        return;
                    }
                    case FAILED -> throw mine.error;
                    default -> {
                        LockSupport.park(this);
                        // waits on, as a stored item cannot be taken back; the interrupt is kept for later
                        interrupted |= Thread.interrupted();
                    }
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code write} on the calling thread as the writer, when no batch is being written and nobody
     * waits to write one; returns false, having run nothing and waited for nothing, otherwise. For a
     * caller that may not wait (an event loop): it never becomes the writer of others' items, and
     * callers that queue while it writes wait for it as for any writer.
     */
    boolean writeAloneIfIdle(Runnable write) {
        if (!queue.isEmpty() || !writing.compareAndSet(false, true)) return false;
        try {
            write.run();
        } finally {
            handOver();
        }
        return true;
    }

    /** Writes batches from the head of the queue until {@code mine} is written, then hands over. */
    private void lead(Pending<T> mine) {
        List<Pending<T>> batch = new ArrayList<>();
        try {
            while (mine.state == LEAD) {
                Pending<T> next;
                while (batch.size() < maxBatch && (next = queue.poll()) != null) batch.add(next);
                if (batch.isEmpty()) throw new IllegalStateException("own item missing from the queue");
                write(batch);
                batch.clear();
            }
        } finally {
            handOver();
        }
    }

    private void write(List<Pending<T>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        for (Pending<T> p : batch) items.add(p.item);
        try {
            writeAll.accept(items);
        } catch (RuntimeException e) {
            for (Pending<T> p : batch) {
                p.error = e;
                p.set(FAILED);
            }
            return;
        }
        for (Pending<T> p : batch) p.set(STORED);
    }

    /**
     * Lets go of writing; when callers still wait, the oldest becomes the writer. A caller that queued
     * meanwhile either finds writing free and takes it, or is seen in the queue here.
     */
    private void handOver() {
        writing.set(false);
        while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            Pending<T> oldest = queue.peek(); // only the writer takes items off, so it stays there
            if (oldest != null) {
                oldest.set(LEAD);
                return;
            }
            writing.set(false);
        }
    }
}
