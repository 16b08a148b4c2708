package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationStore.NewMessage;
import dev.switchboard.conversation.Message;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The messages in the journal that the database does not fully have yet, in journal order, and what the
 * send path needs to know because of them: each conversation's last seq, and the client keys of the
 * waiting messages. One lock guards it; {@link MessageWriteBehind} adds under it, {@link MessageApplier}
 * takes the head off after its commit, readers wait on it until what they must see is applied.
 *
 * <p>Where messages live in the {@link RocksMessageStore}, a message is applied in two stages: first
 * into the store (a batch every {@link #LINGER}), then its effects into H2 (its conversation's last seq
 * and time, a support chat's counters), which wait up to {@link #EFFECTS_LINGER} so that one update of a
 * conversation covers all its messages of that time instead of one per batch. The message itself leaves
 * the list once stored (the store answers for its client key from then on); what its effects need waits,
 * one {@link PendingEffects} record per conversation, and so does its conversation's counter. A reader
 * waits for both stages. Where messages are rows of H2 there is one stage.
 */
final class WaitingMessages {
    /** Most messages in one apply transaction. */
    static final int APPLY_BATCH = 2_000;
    /** How long a message waits for company before it is applied, when nobody waits for it. */
    static final Duration LINGER = Duration.ofMillis(100);
    /** How long a stored message's effects wait for company in H2, when nobody waits for them. */
    static final Duration EFFECTS_LINGER = Duration.ofMillis(1_000);
    /** Most messages whose effects wait; more are applied at once. */
    static final int EFFECTS_BATCH = 20_000;
    /** Messages waiting at most; a sender that finds more waits for the applier. */
    static final int MAX_WAITING = 50_000;
    /** How long a reader waits for the applier before it is told the database is unavailable. */
    static final Duration READ_WAIT = Duration.ofSeconds(30);
    /** Conversations whose last seq is kept once none of their messages waits; more are forgotten. */
    static final int KEEP_COUNTERS = 100_000;

    /** A message in the journal, not yet known to be fully in the database. */
    record Waiting(long position, Message message, long journaledNanos, boolean supportChat) {}

    /**
     * A conversation's last seq, how many of its messages wait (those whose effects wait included), and
     * whether it is a support chat (whose unread counters move with each message; in other conversations,
     * direct ones of the customer-support type included, that statement is skipped).
     */
    static final class Counter {
        final boolean supportChat;
        long lastSeq;
        int waiting;

        Counter(AppliedMessages.ConversationRow row) {
            this(row.lastSeq(), row.supportChat());
        }

        Counter(long lastSeq, boolean supportChat) {
            this.lastSeq = lastSeq;
            this.supportChat = supportChat;
        }
    }

    /** What makes two sends one message: the same client key from the same sender in the same conversation. */
    record RetryKey(ConversationId conversationId, String senderId, String clientKey) {
        static RetryKey of(NewMessage m) {
            return new RetryKey(m.conversationId(), m.senderId().value(), m.clientKey());
        }

        static RetryKey of(Message m) {
            return new RetryKey(m.conversationId(), m.senderId().value(), m.clientKey());
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition applied = lock.newCondition();
    // Under the lock.
    private final Map<ConversationId, Counter> counters = new HashMap<>();
    private final ApplyStages stages;
    private long flushThrough; // apply at once everything journaled up to here
    private ApplyStages.Lingers lingers = new ApplyStages.Lingers(LINGER.toNanos(), EFFECTS_LINGER.toNanos());
    private boolean closed;
    private boolean abandoned; // closed by a crash: nothing more is applied
    // Readable without the lock.
    private final Map<RetryKey, Message> keys = new ConcurrentHashMap<>();
    private volatile int count;
    private volatile long removals; // moves on whenever messages leave the list (and their client keys with them)
    private volatile long countersDropped; // moves on whenever kept counters are let go

    /**
     * A list for messages applied in two stages (the store, then their effects in H2) or, when
     * {@code twoStages} is false, in one (rows of H2).
     */
    WaitingMessages(boolean twoStages) {
        this.stages = new ApplyStages(twoStages, APPLY_BATCH, EFFECTS_BATCH);
    }

    /** Runs {@code work} under the lock. */
    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} under the lock if it is free now; false, having run nothing and waited for
     * nothing, when another thread holds it (for an event loop, which must not wait).
     */
    boolean lockedIfFree(Runnable work) {
        if (!lock.tryLock()) return false;
        try {
            work.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    int count() {
        return count;
    }

    /** Whether a send finds room without waiting (see {@link #awaitRoom}). */
    boolean hasRoom() {
        return count < MAX_WAITING;
    }

    /**
     * A number that changes whenever messages leave the list, their client keys then answered by the
     * database (see {@link MessageWriteBehind}).
     */
    long removals() {
        return removals;
    }

    /** The waiting message with this retry key, if any. */
    Message withKey(RetryKey key) {
        return keys.get(key);
    }

    /** The conversation's counter, if it is kept; under the lock. */
    Counter counter(ConversationId id) {
        return counters.get(id);
    }

    /** Keeps a counter read from H2 (while none of the conversation's messages waits); under the lock. */
    void keep(ConversationId id, Counter counter) {
        counters.put(id, counter);
    }

    /** A number that changes whenever kept counters are let go (see {@link #keepNew}). */
    long countersDropped() {
        return countersDropped;
    }

    /**
     * Keeps the counter of a direct conversation (never a support chat) just created in H2 without
     * messages (last seq 0), unless one is kept already or counters were let go since {@code droppedBefore}
     * ({@link #countersDropped}, read before the conversation was created). Every message is journaled
     * with its conversation's counter kept, and a kept counter goes only when counters are let go, so with
     * none let go meanwhile and none kept now the conversation has no message yet.
     */
    void keepNew(ConversationId id, long droppedBefore) {
        locked(() -> {
            if (countersDropped == droppedBefore && !counters.containsKey(id)) counters.put(id, new Counter(0, false));
            return null;
        });
    }

    boolean closed() {
        return locked(() -> closed);
    }

    /** Journaled messages, positions {@code first...}, are now waiting; under the lock. */
    void add(long first, List<Message> batch) {
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            Message m = batch.get(i);
            Counter counter = counters.get(m.conversationId());
            counter.waiting++;
            stages.add(new Waiting(first + i, m, now, counter.supportChat));
            if (m.clientKey() != null) keys.put(RetryKey.of(m), m);
        }
        count = stages.size();
        if (stages.unstored() >= APPLY_BATCH) work.signal();
    }

    /**
     * The first stage is done for {@code done} (they are the head of the not yet stored ones): their
     * effects now wait. Where there is one stage, the same as {@link #applied}.
     */
    void stored(List<Waiting> done) {
        locked(() -> {
            if (stages.stored(done)) {
                left(done); // one stage: stored is applied
            } else {
                for (Waiting w : done) forgetKey(w.message()); // the store has them now
                removals++;
            }
            return null;
        });
    }

    /**
     * Takes messages now wholly in the database off the list (they are its head; one stage only) and
     * wakes whoever waits for them.
     */
    void applied(List<Waiting> done) {
        locked(() -> {
            stages.applied(done);
            left(done);
            return null;
        });
    }

    /** The effects the applier took from {@link #next} or {@link #head} are in H2: wakes whoever waits. */
    void effectsApplied(PendingEffects effects) {
        locked(() -> {
            stages.effectsApplied(effects);
            for (PendingEffects.Conversation c : effects.conversations()) counters.get(c.id).waiting -= c.messages;
            afterRemovals();
            return null;
        });
    }

    /** What leaving the list means for the counters, the retry keys and whoever waits. */
    private void left(List<Waiting> gone) {
        for (Waiting w : gone) {
            counters.get(w.message().conversationId()).waiting--;
            forgetKey(w.message());
        }
        removals++;
        afterRemovals();
    }

    private void forgetKey(Message m) {
        if (m.clientKey() != null) keys.remove(RetryKey.of(m), m);
    }

    private void afterRemovals() {
        count = stages.size();
        if (counters.size() > KEEP_COUNTERS && counters.values().removeIf(counter -> counter.waiting == 0)) {
            countersDropped++;
        }
        applied.signalAll();
    }

    /**
     * The oldest messages before {@code position}: stored ones whose effects wait, if any (up to
     * {@link #EFFECTS_BATCH}), else up to {@link #APPLY_BATCH} to store.
     */
    ApplyStages.Batch head(long position) {
        return locked(() -> stages.head(position));
    }

    /**
     * Returns once every message waiting at the call is applied; UNAVAILABLE after {@link #READ_WAIT}.
     * Not for the applier's thread, nor under the lock (the caller checks).
     */
    void awaitApplied() {
        if (count == 0) return;
        lock.lock();
        try {
            if (count == 0) return;
            long target = stages.newestPosition();
            flushThrough = Math.max(flushThrough, target);
            work.signal();
            long nanos = READ_WAIT.toNanos();
            while (stages.oldestPosition() <= target) {
                if (nanos <= 0) {
                    throw new SwitchboardException(ErrorCode.UNAVAILABLE,
                            "the database is still storing earlier messages; try again");
                }
                nanos = applied.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        } finally {
            lock.unlock();
        }
    }

    /** Returns once fewer than {@link #MAX_WAITING} wait (at once, mostly). */
    void awaitRoom() {
        if (count < MAX_WAITING) return;
        lock.lock();
        try {
            while (count >= MAX_WAITING && !closed) {
                flushThrough = Math.max(flushThrough, stages.newestPosition());
                work.signal();
                applied.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the applier: waits until messages are to be stored or their effects applied (someone waits for
     * them, a batch is full, the oldest lingered long enough, or the list is closed) or {@code
     * checkpointDue} says so, which it asks again after {@code untilCheckpoint} nanoseconds at the latest;
     * returns the batch, empty when it is the checkpoint's turn, null when closed and empty.
     */
    ApplyStages.Batch next(BooleanSupplier checkpointDue, LongSupplier untilCheckpoint) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (abandoned || (closed && count == 0)) return null;
                if (checkpointDue.getAsBoolean()) return ApplyStages.Batch.toStore(List.of());
                long now = System.nanoTime();
                ApplyStages.Batch due = stages.due(now, lingers, flushThrough, closed);
                if (due != null) return due;
                long wait = stages.untilDue(now, lingers, untilCheckpoint.getAsLong());
                work.awaitNanos(Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        } finally {
            lock.unlock();
        }
    }

    /** A rest of at most {@code nanos}, cut short by {@link #close}. */
    void rest(long nanos) {
        lock.lock();
        try {
            if (!closed) work.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lets messages, and stored messages' effects, wait this long for company (tests hold them back with a
     * long one, or apply often with a short one).
     */
    void linger(Duration linger) {
        locked(() -> {
            lingers = new ApplyStages.Lingers(linger.toNanos(), linger.toNanos());
            work.signal();
            return null;
        });
    }

    /** Lets stored messages' effects wait this long for company (tests hold them back with a long one). */
    void lingerEffects(Duration linger) {
        locked(() -> {
            lingers = new ApplyStages.Lingers(lingers.nanos(), linger.toNanos());
            work.signal();
            return null;
        });
    }

    /** From now on the applier applies everything and stops; senders are refused. */
    void close() {
        locked(() -> {
            closed = true;
            work.signal();
            return null;
        });
    }

    /** As a crash: from now on the applier stops at once and applies nothing more; senders are refused (tests). */
    void abandon() {
        locked(() -> {
            closed = true;
            abandoned = true;
            work.signal();
            return null;
        });
    }

    private static SwitchboardException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SwitchboardException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the database", e);
    }
}
