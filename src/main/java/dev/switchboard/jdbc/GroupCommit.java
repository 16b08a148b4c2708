package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers hand in an item and block until it is committed; per shard, one writer
 * thread takes everything queued meanwhile and stores it in one transaction, so that under load many
 * items share one commit (on H2 one file write, on PostgreSQL one WAL flush) while an item that
 * arrives alone is written at once, never waiting for company. Items of one shard are written in
 * the order they were handed in, so items that must stay ordered (one conversation's messages)
 * belong to one shard.
 *
 * <p>When a batch fails before its commit nothing of it is stored, and each item is written again on
 * its own, so one bad item fails alone. When the commit itself fails the outcome is unknown, and every
 * item of the batch fails rather than risk storing one twice. Callers are completed only after the
 * commit returned. {@link #submit} blocks: call it from a virtual thread or worker, never an event loop.
 */
final class GroupCommit<T, R> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** What the writer threads do with a batch. */
    interface Writer<T, R> {
        /**
         * Stores {@code items} (two or more) in one transaction and returns one outcome per item, in
         * order, after the commit. Throws {@link RolledBackException} when nothing was stored; any other
         * exception means the commit failed with an unknown outcome.
         */
        List<Outcome<R>> writeAll(List<T> items);

        /** Stores one item in a transaction of its own. */
        R writeOne(T item);

        /** Called on the writer thread after a batch's callers were answered: for housekeeping off their path. */
        default void afterBatch() {}
    }

    /** What became of one item of a batch: a value, or the error that refused it alone. */
    record Outcome<R>(R value, RuntimeException error) {
        static <R> Outcome<R> of(R value) {
            return new Outcome<>(Objects.requireNonNull(value), null);
        }

        static <R> Outcome<R> failed(RuntimeException error) {
            return new Outcome<>(null, Objects.requireNonNull(error));
        }
    }

    private record Pending<T, R>(T item, CompletableFuture<R> done) {}

    private final Writer<T, R> writer;
    private final int maxBatch;
    private final ToIntFunction<T> shardOf;
    private final List<BlockingQueue<Pending<T, R>>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Pending<T, R> stop = new Pending<>(null, null);
    private volatile boolean closed;

    /**
     * @param shards  writer threads; {@code shardOf} maps an item to one (any int, taken modulo)
     * @param maxBatch most items in one transaction
     */
    GroupCommit(String name, int shards, int maxBatch, ToIntFunction<T> shardOf, Writer<T, R> writer) {
        if (shards < 1 || maxBatch < 1) throw new IllegalArgumentException("shards and maxBatch must be >= 1");
        this.writer = Objects.requireNonNull(writer);
        this.maxBatch = maxBatch;
        this.shardOf = Objects.requireNonNull(shardOf);
        for (int i = 0; i < shards; i++) {
            BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            // Platform threads: they block in the JDBC driver, where a virtual thread gains nothing.
            threads.add(Thread.ofPlatform().daemon().name(name + "-" + i).start(() -> run(queue)));
        }
    }

    /** Stores {@code item} and returns its result once committed; throws what refused it. */
    R submit(T item) {
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        BlockingQueue<Pending<T, R>> queue = queues.get(Math.floorMod(shardOf.applyAsInt(item), queues.size()));
        queue.add(pending);
        // Closed meanwhile: unless a writer already took it, take it back, as its writer may be gone.
        if (closed && queue.remove(pending)) throw closedException();
        try {
            return pending.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    /** Items waiting for a writer (for tests). */
    int queued() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    /** Writes what is already queued, then stops the writers. */
    @Override
    public void close() {
        closed = true;
        for (BlockingQueue<Pending<T, R>> queue : queues) queue.add(stop);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(BlockingQueue<Pending<T, R>> queue) {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                failAll(queue, batch);
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            boolean stopping = batch.remove(stop);
            if (!batch.isEmpty()) {
                write(batch);
                afterBatch();
            }
            batch.clear();
            if (stopping) {
                failAll(queue, batch); // anything that slipped in after close
                return;
            }
        }
    }

    private void write(List<Pending<T, R>> batch) {
        if (batch.size() == 1) {
            writeAlone(batch.getFirst());
            return;
        }
        List<Outcome<R>> outcomes;
        try {
            outcomes = writer.writeAll(batch.stream().map(Pending::item).toList());
        } catch (RolledBackException e) {
            log.debug("batch of {} rolled back, writing each alone", batch.size());
            for (Pending<T, R> pending : batch) writeAlone(pending);
            return;
        } catch (RuntimeException e) {
            for (Pending<T, R> pending : batch) pending.done().completeExceptionally(e);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Outcome<R> outcome = outcomes.get(i);
            if (outcome.error() == null) {
                batch.get(i).done().complete(outcome.value());
            } else {
                batch.get(i).done().completeExceptionally(outcome.error());
            }
        }
    }

    private void afterBatch() {
        try {
            writer.afterBatch();
        } catch (RuntimeException e) {
            log.warn("housekeeping after a batch failed", e);
        }
    }

    private void writeAlone(Pending<T, R> pending) {
        try {
            pending.done().complete(writer.writeOne(pending.item()));
        } catch (RuntimeException e) {
            pending.done().completeExceptionally(e);
        }
    }

    private void failAll(BlockingQueue<Pending<T, R>> queue, List<Pending<T, R>> batch) {
        queue.drainTo(batch);
        for (Pending<T, R> pending : batch) {
            if (pending != stop) pending.done().completeExceptionally(closedException());
        }
    }

    private static SwitchboardException closedException() {
        return new SwitchboardException(ErrorCode.UNAVAILABLE, "the server is shutting down");
    }
}
