package dev.switchboard.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Batches small writes without a thread of its own: a caller that finds no batch being written
 * becomes the writer and stores everything queued meanwhile, in batches, until the queue is empty;
 * the other callers wait for the batch that holds their item. A burst of a thousand (users going
 * offline when a proxy drops every connection; writers asking for a checkpoint, in {@link Jdbc})
 * becomes a few transactions instead of a thousand queued on the connection pool. A failed batch fails the callers whose items it held. Callers block:
 * virtual threads or workers, never an event loop.
 */
final class LeaderBatch<T> {
    private record Pending<T>(T item, CompletableFuture<Void> done) {}

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
        Pending<T> pending = new Pending<>(Objects.requireNonNull(item), new CompletableFuture<>());
        queue.add(pending);
        // After the writer lets go it looks at the queue again, so an item queued while it was
        // letting go is not stranded: either it takes it, or this caller becomes the writer.
        while (writing.compareAndSet(false, true)) {
            try {
                drain();
            } finally {
                writing.set(false);
            }
            if (queue.isEmpty()) break;
        }
        try {
            pending.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    private void drain() {
        List<Pending<T>> batch = new ArrayList<>();
        while (true) {
            Pending<T> next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) batch.add(next);
            if (batch.isEmpty()) return;
            try {
                writeAll.accept(batch.stream().map(Pending::item).toList());
                batch.forEach(p -> p.done().complete(null));
            } catch (RuntimeException e) {
                batch.forEach(p -> p.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }
}
