package dev.switchboard.jdbc;

import dev.switchboard.jdbc.WaitingMessages.Waiting;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The journaled messages not yet wholly in the database, in journal order, by stage: where messages live
 * in the {@link RocksMessageStore}, first those already stored whose effects in H2 still wait, then those
 * not stored at all; where they are rows of H2, one stage only. Which of them are due for the applier, and
 * when the next will be. Not thread-safe: {@link WaitingMessages} calls it under its lock.
 */
final class ApplyStages {
    /** A batch for the applier: to store, or, when {@code stored}, to apply the effects of. */
    record Batch(List<Waiting> messages, boolean stored) {
        boolean isEmpty() {
            return messages.isEmpty();
        }
    }

    private final boolean twoStages;
    private final int applyBatch;
    private final int effectsBatch;
    private final ArrayDeque<Waiting> stored = new ArrayDeque<>(); // in the store, their effects not yet in H2
    private final ArrayDeque<Waiting> unstored = new ArrayDeque<>(); // after those: not stored at all
    private long storedNanos; // when the oldest of the stored ones was stored

    /**
     * Two stages or one; batches of at most {@code applyBatch} messages to store and {@code effectsBatch}
     * messages whose effects to apply.
     */
    ApplyStages(boolean twoStages, int applyBatch, int effectsBatch) {
        this.twoStages = twoStages;
        this.applyBatch = applyBatch;
        this.effectsBatch = effectsBatch;
    }

    int size() {
        return stored.size() + unstored.size();
    }

    /** Messages not stored yet (in the one stage: not applied yet). */
    int unstored() {
        return unstored.size();
    }

    void add(Waiting w) {
        unstored.addLast(w);
    }

    /**
     * The first stage is done for {@code done}, the oldest not stored; returns whether they left (with one
     * stage, where this is {@link #applied}).
     */
    boolean stored(List<Waiting> done) {
        if (!twoStages) {
            applied(done);
            return true;
        }
        inOrder(unstored, done, "stored");
        if (stored.isEmpty()) storedNanos = System.nanoTime();
        for (Waiting w : done) stored.addLast(unstored.pollFirst());
        return false;
    }

    /** {@code done}, the oldest messages, are wholly in the database: they leave. */
    void applied(List<Waiting> done) {
        ArrayDeque<Waiting> from = twoStages ? stored : unstored;
        inOrder(from, done, "applied");
        for (int i = 0; i < done.size(); i++) from.pollFirst();
        if (!stored.isEmpty()) storedNanos = System.nanoTime(); // what is left waits for the next round
    }

    /** The newest message, null when there is none. */
    Waiting newest() {
        return unstored.isEmpty() ? stored.peekLast() : unstored.peekLast();
    }

    /** The oldest message, null when there is none. */
    Waiting oldest() {
        return stored.isEmpty() ? unstored.peekFirst() : stored.peekFirst();
    }

    /**
     * The oldest messages before {@code position}: stored ones whose effects wait, if any (up to a batch),
     * else up to a batch to store.
     */
    Batch head(long position) {
        if (!stored.isEmpty() && stored.peekFirst().position() < position) {
            return new Batch(first(stored, effectsBatch, position), true);
        }
        return new Batch(first(unstored, applyBatch, position), false);
    }

    /**
     * The batch that is due at {@code now}, null when none is: messages to store when the oldest waited
     * {@code lingers.nanos()} or a batch waits, effects when the oldest stored ones waited {@code
     * lingers.effectsNanos()} or a batch waits; either at once when closed or when a reader waits for the
     * oldest (its position is at most {@code flushThrough}).
     */
    Batch due(long now, Lingers lingers, long flushThrough, boolean closed) {
        if (due(unstored, applyBatch, flushThrough, closed)
                || !unstored.isEmpty() && now - unstored.peekFirst().journaledNanos() >= lingers.nanos()) {
            return new Batch(first(unstored, applyBatch, Long.MAX_VALUE), false);
        }
        if (due(stored, effectsBatch, flushThrough, closed)
                || !stored.isEmpty() && now - storedNanos >= lingers.effectsNanos()) {
            return new Batch(first(stored, effectsBatch, Long.MAX_VALUE), true);
        }
        return null;
    }

    /** Nanoseconds from {@code now} until a batch is due by lingering, at most {@code most}. */
    long untilDue(long now, Lingers lingers, long most) {
        long wait = most;
        if (!unstored.isEmpty()) wait = Math.min(wait, lingers.nanos() - (now - unstored.peekFirst().journaledNanos()));
        if (!stored.isEmpty()) wait = Math.min(wait, lingers.effectsNanos() - (now - storedNanos));
        return wait;
    }

    /** How long each stage lets its oldest message wait for company. */
    record Lingers(long nanos, long effectsNanos) {}

    /** Refuses, changing nothing, unless {@code done} is the head of {@code list}. */
    private static void inOrder(ArrayDeque<Waiting> list, List<Waiting> done, String what) {
        var head = list.iterator();
        for (Waiting w : done) {
            if (!head.hasNext() || head.next() != w) throw new IllegalStateException(what + " out of journal order");
        }
    }

    private static boolean due(ArrayDeque<Waiting> list, int full, long flushThrough, boolean closed) {
        if (list.isEmpty()) return false;
        return closed || list.peekFirst().position() <= flushThrough || list.size() >= full;
    }

    private static List<Waiting> first(ArrayDeque<Waiting> list, int most, long position) {
        List<Waiting> next = new ArrayList<>(Math.min(most, list.size()));
        for (Waiting w : list) {
            if (next.size() == most || w.position() >= position) break;
            next.add(w);
        }
        return next;
    }
}
