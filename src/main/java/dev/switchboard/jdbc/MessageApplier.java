package dev.switchboard.jdbc;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that stores journaled messages behind their acknowledgement ({@link MessageWriteBehind}), in
 * the {@link RocksMessageStore} and then their effects in H2 (two stages, see {@link WaitingMessages}), or
 * as rows of H2 where RocksDB does not run: the oldest {@link WaitingMessages} in one write or transaction
 * when they are due; a batch that fails is stored again one message at a time (each idempotent, as at
 * replay), and a message that still fails stays waiting and is tried again every second, logged, never
 * dropped. Every {@link #CHECKPOINT_EVERY} or {@link #CHECKPOINT_BYTES} of journal it starts a new journal
 * segment, stores what came before it, writes H2's file and deletes the older segments, so that a restart
 * replays little.
 */
final class MessageApplier {
    private static final Logger log = LoggerFactory.getLogger(MessageApplier.class);
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(10);
    private static final long CHECKPOINT_BYTES = 16L << 20;

    private final Jdbc jdbc;
    private final MessageJournal journal;
    private final WaitingMessages waiting;
    private final Thread thread;
    private volatile long nextCheckpointNanos = System.nanoTime() + CHECKPOINT_EVERY.toNanos();
    private volatile long checkpoints; // written by the applier's thread only

    MessageApplier(Jdbc jdbc, MessageJournal journal, WaitingMessages waiting) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.waiting = waiting;
        this.thread = Thread.ofPlatform().daemon().name("switchboard-apply").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    boolean isApplierThread() {
        return Thread.currentThread() == thread;
    }

    /** Postpones the next checkpoint by at least {@code delay} (tests that hold messages back). */
    void postponeCheckpoint(Duration delay) {
        nextCheckpointNanos = System.nanoTime() + Math.max(delay.toNanos(), CHECKPOINT_EVERY.toNanos());
    }

    /** Makes the next checkpoint due as soon as the journal has something since the last one (tests). */
    void checkpointSoon() {
        nextCheckpointNanos = System.nanoTime();
    }

    /** Checkpoints written since the start (for tests and metrics). */
    long checkpoints() {
        return checkpoints;
    }

    /** Waits for the thread to finish what {@link WaitingMessages#close} left it. */
    void join() {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) log.warn("the message applier did not stop; the journal keeps what it had not applied");
    }

    private void run() {
        while (true) {
            ApplyStages.Batch next;
            try {
                // the two callbacks run under the list's lock, which also guards the journal
                next = waiting.next(this::checkpointDue, this::untilCheckpoint);
            } catch (InterruptedException e) {
                log.warn("message applier interrupted; the journal keeps what it had not applied");
                return;
            }
            if (next == null) return;
            if (next.isEmpty()) {
                checkpoint();
            } else if (!apply(next)) {
                if (waiting.closed()) {
                    log.warn("stopping with {} messages not applied; the journal keeps them for the next start", waiting.count());
                    return;
                }
                waiting.rest(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    private boolean checkpointDue() {
        long bytes = journal.bytesInSegment();
        return bytes > 0 && (bytes >= CHECKPOINT_BYTES || System.nanoTime() - nextCheckpointNanos >= 0);
    }

    /** How long until a checkpoint may be due (at most a second); asked under the list's lock. */
    private long untilCheckpoint() {
        long second = TimeUnit.SECONDS.toNanos(1);
        return journal.bytesInSegment() > 0 ? Math.min(nextCheckpointNanos - System.nanoTime(), second) : second;
    }

    /**
     * Applies {@code batch} (the oldest waiting messages, in journal order): where messages are rows of
     * H2, in one transaction; else into the store in one write, or, for stored ones, their effects in
     * one H2 transaction. When messages fail, one at a time; returns whether all of it is done.
     */
    private boolean apply(ApplyStages.Batch batch) {
        if (batch.stored()) return applyEffects(batch.effects());
        RocksMessageStore store = jdbc.messageStore();
        List<WaitingMessages.Waiting> messages = batch.messages();
        try {
            if (store != null) {
                store.store(messages.stream().map(WaitingMessages.Waiting::message).toList(), messages.getLast().position());
                waiting.stored(messages);
            } else {
                jdbc.inJournaledTransactionOnce(c -> {
                    AppliedMessages.insertAll(c, messages);
                    return null;
                });
                waiting.applied(messages);
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("storing {} journaled messages in one write failed; storing them one at a time", messages.size(), e);
        }
        for (WaitingMessages.Waiting w : messages) {
            try {
                // idempotent, as at replay: the failed write may have happened after all
                if (store != null) {
                    store.storeIfAbsent(w.message(), w.position());
                    waiting.stored(List.of(w));
                    continue;
                }
                jdbc.inJournaledTransactionOnce(c -> {
                    AppliedMessages.storeAgain(c, w.message());
                    AppliedMessages.setApplied(c, w.position());
                    return null;
                });
                waiting.applied(List.of(w));
            } catch (RuntimeException e) {
                log.error("the message at journal position {} could not be stored in the database; it stays in the"
                        + " journal and is tried again", w.position(), e);
                return false;
            }
        }
        return true;
    }

    /**
     * Moves H2 by the effects of stored messages, in one transaction that records their last position as
     * applied (skipped when H2 has it already: a commit reported as failed may have happened); when
     * that fails they wait, whole, for the next try.
     */
    private boolean applyEffects(PendingEffects effects) {
        try {
            jdbc.inJournaledTransactionOnce(c -> {
                if (AppliedMessages.appliedPosition(c) < effects.lastPosition()) AppliedMessages.applyEffects(c, effects);
                return null;
            });
            waiting.effectsApplied(effects);
            return true;
        } catch (RuntimeException e) {
            log.error("the effects in H2 of {} stored messages (journal positions {}..{}) could not be applied; they"
                    + " stay in the journal and are tried again", effects.messages(), effects.firstPosition(),
                    effects.lastPosition(), e);
            return false;
        }
    }

    /**
     * Starts a new journal segment, stores everything before it, writes H2's file and deletes the older
     * segments: a restart then replays at most what came after.
     */
    private void checkpoint() {
        nextCheckpointNanos = System.nanoTime() + CHECKPOINT_EVERY.toNanos();
        long boundary;
        try {
            journal.prepareSpare(); // a new segment file is made here, not under the list's lock that senders wait for
            boundary = waiting.locked(journal::roll);
        } catch (UncheckedIOException e) {
            log.warn("cannot start a new message journal segment; the journal keeps growing", e);
            return;
        }
        for (ApplyStages.Batch before = waiting.head(boundary); !before.isEmpty(); before = waiting.head(boundary)) {
            if (!apply(before)) return; // the older segments stay until a later checkpoint
        }
        try {
            jdbc.checkpointWithMessages();
            // not under the list's lock, which an event loop may be waiting for (a send journaled there):
            // only this thread starts segments, so the one being written is known without it
            journal.deleteBefore(boundary);
            checkpoints++;
        } catch (RuntimeException e) {
            log.warn("checkpoint of the embedded database failed; the message journal keeps growing", e);
        }
    }
}
