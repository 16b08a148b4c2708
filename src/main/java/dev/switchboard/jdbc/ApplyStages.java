package dev.switchboard.jdbc;

import dev.switchboard.jdbc.WaitingMessages.Waiting;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The journaled messages not yet wholly in the database, in journal order, by stage: where messages live
 * in the {@link RocksMessageStore}, first the effects in H2 of stored messages (handed to the applier,
 * then still gathering: per conversation, {@link PendingEffects}; the messages themselves have left),
 * then the messages not stored at all; where they are rows of H2, one stage only. Which of them are due
 * for the applier, and when the next will be. Not thread-safe: {@link WaitingMessages} calls it under its
 * lock.
 */
final class ApplyStages {
    /** A batch for the applier: messages to store, or the effects of stored ones to apply. */
    record Batch(List<Waiting> messages, PendingEffects effects) {
        static Batch toStore(List<Waiting> messages) {
            return new Batch(messages, null);
        }

        static Batch effectsOf(PendingEffects effects) {
            return new Batch(List.of(), effects);
        }

        /** Whether this is the effects of stored messages. */
        boolean stored() {
            return effects != null;
        }

        boolean isEmpty() {
            return effects == null && messages.isEmpty();
        }
    }

    private final boolean twoStages;
    private final int applyBatch;
    private final int effectsBatch;
    private final ArrayDeque<Waiting> unstored = new ArrayDeque<>(); // not stored at all
    private PendingEffects gathering; // effects of stored messages after those handed out; null when none
    private PendingEffects handedOut; // effects the applier took and has not confirmed; null when none

    /**
     * Two stages or one; batches of at most {@code applyBatch} messages to store, effects handed out once
     * they cover {@code effectsBatch} messages (if not sooner).
     */
    ApplyStages(boolean twoStages, int applyBatch, int effectsBatch) {
        this.twoStages = twoStages;
        this.applyBatch = applyBatch;
        this.effectsBatch = effectsBatch;
    }

    /** Messages not wholly in the database: not stored, or stored with their effects waiting. */
    int size() {
        return unstored.size() + messagesIn(gathering) + messagesIn(handedOut);
    }

    /** Messages not stored yet (in the one stage: not applied yet). */
    int unstored() {
        return unstored.size();
    }

    void add(Waiting w) {
        unstored.addLast(w);
    }

    /**
     * The first stage is done for {@code done}, the oldest not stored: they leave, their effects wait;
     * returns whether that was all (with one stage, where this is {@link #applied}).
     */
    boolean stored(List<Waiting> done) {
        if (!twoStages) {
            applied(done);
            return true;
        }
        inOrder(unstored, done, "stored");
        if (!done.isEmpty() && gathering == null) gathering = new PendingEffects(System.nanoTime());
        for (Waiting w : done) gathering.add(unstored.pollFirst());
        return false;
    }

    /** With one stage: {@code done}, the oldest messages, are wholly in the database and leave. */
    void applied(List<Waiting> done) {
        if (twoStages) throw new IllegalStateException("stored messages leave when stored; their effects are applied whole");
        inOrder(unstored, done, "applied");
        for (int i = 0; i < done.size(); i++) unstored.pollFirst();
    }

    /** The effects the applier took are in H2. */
    void effectsApplied(PendingEffects effects) {
        if (effects != handedOut) throw new IllegalStateException("effects applied that were not handed out");
        handedOut = null;
    }

    /** The journal position of the newest message, -1 when there is none. */
    long newestPosition() {
        if (!unstored.isEmpty()) return unstored.peekLast().position();
        if (gathering != null) return gathering.lastPosition();
        return handedOut != null ? handedOut.lastPosition() : -1;
    }

    /** The journal position of the oldest message, {@link Long#MAX_VALUE} when there is none. */
    long oldestPosition() {
        if (handedOut != null) return handedOut.firstPosition();
        if (gathering != null) return gathering.firstPosition();
        return unstored.isEmpty() ? Long.MAX_VALUE : unstored.peekFirst().position();
    }

    /**
     * The oldest messages before {@code position}: effects of stored ones, if any of them is (all the
     * effects gathered: they are stored, whatever their position), else up to a batch to store.
     */
    Batch head(long position) {
        if (handedOut != null && handedOut.firstPosition() < position) return Batch.effectsOf(handedOut);
        if (handedOut == null && gathering != null && gathering.firstPosition() < position) return handOut();
        return Batch.toStore(first(unstored, applyBatch, position));
    }

    /**
     * The batch that is due at {@code now}, null when none is: messages to store when the oldest waited
     * {@code lingers.nanos()} or a batch waits; effects when the first of them was stored {@code
     * lingers.effectsNanos()} ago or they cover a batch; either at once when closed or when a reader
     * waits for the oldest (its position is at most {@code flushThrough}). Effects handed out and not
     * confirmed (their write failed) are due again at once: the applier rests between tries.
     */
    Batch due(long now, Lingers lingers, long flushThrough, boolean closed) {
        if (!unstored.isEmpty() && (closed || unstored.peekFirst().position() <= flushThrough
                || unstored.size() >= applyBatch || now - unstored.peekFirst().journaledNanos() >= lingers.nanos())) {
            return Batch.toStore(first(unstored, applyBatch, Long.MAX_VALUE));
        }
        if (handedOut != null) return Batch.effectsOf(handedOut);
        if (gathering != null && (closed || gathering.firstPosition() <= flushThrough
                || gathering.messages() >= effectsBatch || now - gathering.sinceNanos() >= lingers.effectsNanos())) {
            return handOut();
        }
        return null;
    }

    /** Nanoseconds from {@code now} until a batch is due by lingering, at most {@code most}. */
    long untilDue(long now, Lingers lingers, long most) {
        long wait = most;
        if (!unstored.isEmpty()) wait = Math.min(wait, lingers.nanos() - (now - unstored.peekFirst().journaledNanos()));
        if (gathering != null) wait = Math.min(wait, lingers.effectsNanos() - (now - gathering.sinceNanos()));
        return wait;
    }

    /** How long each stage lets its oldest message wait for company. */
    record Lingers(long nanos, long effectsNanos) {}

    private Batch handOut() {
        handedOut = gathering;
        gathering = null;
        return Batch.effectsOf(handedOut);
    }

    private static int messagesIn(PendingEffects effects) {
        return effects == null ? 0 : effects.messages();
    }

    /** Refuses, changing nothing, unless {@code done} is the head of {@code list}. */
    private static void inOrder(ArrayDeque<Waiting> list, List<Waiting> done, String what) {
        var head = list.iterator();
        for (Waiting w : done) {
            if (!head.hasNext() || head.next() != w) throw new IllegalStateException(what + " out of journal order");
        }
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
