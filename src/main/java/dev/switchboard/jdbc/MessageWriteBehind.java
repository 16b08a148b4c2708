package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationStore.Appended;
import dev.switchboard.conversation.ConversationStore.NewMessage;
import dev.switchboard.conversation.Message;
import dev.switchboard.jdbc.WaitingMessages.Counter;
import dev.switchboard.jdbc.WaitingMessages.RetryKey;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's message path (decision 0006): a message is acknowledged once it is in the
 * {@link MessageJournal}, and stored in H2 behind, many to a transaction, by the {@link MessageApplier}.
 *
 * <p>What the database used to decide at insert, this decides before the journal write, under the lock
 * of the {@link WaitingMessages}: the seq (a conversation's last seq is read from H2 only when none of
 * its messages waits, and kept in memory from then on), and whether a client key was used before (among
 * the waiting messages first, then in H2: the applier takes a message off the list only after its
 * commit, so that order misses none; one applied between the caller's look and the journal batch is
 * caught by looking again when the list lost messages meanwhile). Both looks in H2 are skipped when the
 * {@link RetryKeyFilter} knows the key was never stored: the first send of a key, nearly every send,
 * reads nothing (decision 0008). What H2 would refuse later is refused now. The journal write makes
 * the batch durable (decision 0005); its records carry the seqs, so a restart stores exactly what was
 * acknowledged.
 *
 * <p>Everything else reads H2, so {@link Jdbc} calls {@link #awaitApplied} before every read and
 * transaction: when messages wait, the caller waits until those journaled before it are applied.
 * Nobody sees the database without a message acknowledged before they asked.
 */
final class MessageWriteBehind implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageWriteBehind.class);
    /** Longest text stored (H2's and PostgreSQL's VARCHAR limit is far above any configured message size). */
    static final int MAX_STORED_TEXT = 1_000_000;
    private static final int JOURNAL_BATCH = 256;

    /** One send on its way through the journal batch; the batch's writer fills in its outcome. */
    private static final class Send {
        final NewMessage message;
        final long removalsSeen;
        Appended result;
        RuntimeException error;

        Send(NewMessage message, long removalsSeen) {
            this.message = message;
            this.removalsSeen = removalsSeen;
        }
    }

    private final Jdbc jdbc;
    private final MessageJournal journal;
    private final WaitingMessages waiting;
    private final MessageApplier applier;
    private final LeaderBatch<Send> journalBatch = new LeaderBatch<>(JOURNAL_BATCH, this::journalAll);
    private final RetryKeyFilter retryKeys = new RetryKeyFilter();
    private final AtomicLong retryLookups = new AtomicLong();

    /**
     * @param jdbc the handlers' connections
     * @param applierJdbc the applier's own ({@link Jdbc#onOwnConnections}), which nothing else takes
     */
    MessageWriteBehind(Jdbc jdbc, Jdbc applierJdbc, MessageJournal journal) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.waiting = new WaitingMessages(jdbc.messageStore() != null);
        this.applier = new MessageApplier(applierJdbc, journal, waiting);
        applier.start();
        long stored = jdbc.messageStore() != null ? jdbc.messageStore().count() : jdbc.readNow(AppliedMessages::count);
        fillRetryKeys(retryKeys.grow(stored + stored / 2)); // nobody sends before this returns
    }

    /**
     * Stores a message: durable (in the journal) when this returns, in H2 soon after. A retry (same
     * conversation, sender and client key) returns the original marked duplicate.
     */
    Appended append(NewMessage message) {
        waiting.awaitRoom();
        long removalsSeen = waiting.removals();
        if (message.clientKey() != null) {
            Optional<Message> original = original(message);
            if (original.isPresent()) return new Appended(original.get(), true);
        }
        Send send = new Send(message, removalsSeen);
        journalBatch.submit(send);
        if (send.error != null) throw send.error;
        return send.result;
    }

    /**
     * {@link #append} for a caller that may not wait (an event loop): the message is journaled on the
     * calling thread when that needs nothing read and nobody else's batch; otherwise nothing is stored
     * and the answer is empty. It would wait when the list is full, when another send is being
     * journaled or waits to be, when the client key may have been used before (a look in the store), and
     * when the conversation's seq counter is not in memory (its first message since a start or since
     * its messages were all applied).
     */
    Optional<Appended> appendNow(NewMessage message) {
        if (!waiting.hasRoom()) return Optional.empty();
        long removalsSeen = waiting.removals();
        if (message.clientKey() != null) {
            RetryKey key = RetryKey.of(message);
            Message waitingOne = waiting.withKey(key);
            if (waitingOne != null) return Optional.of(new Appended(waitingOne, true));
            if (retryKeys.mightContain(key)) return Optional.empty();
        }
        Send send = new Send(message, removalsSeen);
        if (!journalBatch.writeAloneIfIdle(() -> journalNow(send))) return Optional.empty();
        if (send.error != null) throw send.error;
        return Optional.ofNullable(send.result);
    }

    /**
     * Returns once every message journaled before the call is in H2 (at once when none waits). Called
     * by {@link Jdbc} before reads and transactions; a no-op on the applier's thread and under the lock.
     */
    void awaitApplied() {
        if (waiting.count() == 0 || applier.isApplierThread() || waiting.heldByCurrentThread()) return;
        waiting.awaitApplied();
    }

    /**
     * Lets messages wait this long for company before they are applied, and the next checkpoint at
     * least as long (tests hold messages back with a long one).
     */
    void linger(Duration linger) {
        applier.postponeCheckpoint(linger);
        waiting.linger(linger);
    }

    /**
     * Lets stored messages' effects wait this long for H2 (tests hold them back with a long one); the
     * next checkpoint waits at least as long.
     */
    void lingerEffects(Duration linger) {
        applier.postponeCheckpoint(linger);
        waiting.lingerEffects(linger);
    }

    /** Makes the applier's next checkpoint due now, when the journal has something since the last (tests). */
    void checkpointSoon() {
        applier.checkpointSoon();
    }

    /** Checkpoints the applier wrote since the start (for tests and metrics). */
    long checkpoints() {
        return applier.checkpoints();
    }

    /** Messages journaled but not yet wholly in the database (for tests and metrics). */
    int waiting() {
        return waiting.count();
    }

    /** Client keys looked up in H2 so far (for tests and metrics): the filter saves the rest. */
    long retryLookups() {
        return retryLookups.get();
    }

    /** Whether the filter of stored client keys answers yet (for tests). */
    boolean retryKeysReady() {
        return retryKeys.isReady() && !retryKeys.isGrowing();
    }

    /** How many keys the answering filter was sized for (for tests); 0 before it answers. */
    long retryKeysCapacity() {
        return retryKeys.capacity();
    }

    /** Makes the next new client key start a larger filter, as a full one would (for tests). */
    void growRetryKeysAtNextKey() {
        retryKeys.growAtNextAdd();
    }

    /**
     * Stops the applier at once, as a crash would: what waits stays in the journal only. For tests that
     * crash the database, where the applier would otherwise open it again through its own pool.
     */
    void abandon() {
        waiting.abandon();
        applier.join();
    }

    /** Applies everything waiting, then stops the applier. Messages it cannot apply stay in the journal. */
    @Override
    public void close() {
        waiting.close();
        applier.join();
    }

    /** The message that {@code m} retries, if it is waiting or in H2. */
    private Optional<Message> original(NewMessage m) {
        RetryKey key = RetryKey.of(m);
        Message waitingOne = waiting.withKey(key);
        if (waitingOne != null) return Optional.of(waitingOne);
        return applied(m, key);
    }

    /** The stored message with this retry key: none without a look when the filter never saw the key. */
    private Optional<Message> applied(NewMessage m, RetryKey key) {
        if (!retryKeys.mightContain(key)) return Optional.empty();
        retryLookups.incrementAndGet();
        RocksMessageStore store = jdbc.messageStore();
        if (store != null) return store.byClientKey(m.conversationId(), m.senderId(), m.clientKey());
        return jdbc.readNow(c -> AppliedMessages.findByClientKey(c, m));
    }

    /**
     * Fills {@code bits} with every client key in H2, on a thread of its own, after everything journaled
     * so far is applied (keys sent from now on reach the bits through {@link RetryKeyFilter#add}); then the
     * filter answers from them. Until then, and if this fails, every key is looked up in H2 as before.
     */
    private void fillRetryKeys(RetryKeyFilter.Bits bits) {
        Thread.ofPlatform().daemon().name("switchboard-retry-keys").start(() -> {
            long started = System.nanoTime();
            try {
                // A growth starts under the list's lock, inside a journal batch whose keys went to the old bits
                // only: taking the lock once lets that batch join the list, and then everything on it is applied
                // before the scan, so every key added before the new bits existed is in H2 when they are filled.
                waiting.locked(() -> null);
                waiting.awaitApplied();
                AppliedMessages.ClientKeys fill =
                        (conversation, sender, clientKey) -> RetryKeyFilter.fill(bits, conversation, sender, clientKey);
                RocksMessageStore store = jdbc.messageStore();
                long keys = store != null ? store.eachClientKey(fill) : jdbc.readNow(c -> AppliedMessages.eachClientKey(c, fill));
                waiting.locked(() -> {
                    retryKeys.filled(bits);
                    return null;
                });
                log.debug("retry-key filter for {} keys filled with {} stored keys in {} ms", bits.capacity(), keys,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                waiting.locked(() -> {
                    retryKeys.abandon(bits);
                    return null;
                });
                log.warn("retry-key filter not filled ({}); client keys are looked up in H2", e.toString());
            }
        });
    }

    /** The writer of a journal batch: seqs, retries, one journal write; under the list's lock. */
    private void journalAll(List<Send> sends) {
        waiting.locked(() -> {
            journalLocked(sends);
            return null;
        });
    }

    /** {@link #journalAll} for a caller that holds the list's lock. */
    private void journalLocked(List<Send> sends) {
        if (waiting.closed()) {
            for (Send send : sends) send.error = new SwitchboardException(ErrorCode.UNAVAILABLE, "the server is shutting down");
            return;
        }
        List<Message> batch = new ArrayList<>(sends.size());
        Map<RetryKey, Message> batchKeys = new HashMap<>();
        for (Send send : sends) {
            try {
                decide(send, batch, batchKeys);
            } catch (RuntimeException e) {
                send.error = e;
            }
        }
        if (batch.isEmpty()) return;
        long first = journal.nextPosition();
        try {
            journal.append(batch);
        } catch (UncheckedIOException e) {
            log.error("message journal write failed; {} messages refused", batch.size(), e);
            giveBack(sends, batch);
            return;
        }
        waiting.add(first, batch);
    }

    /**
     * Journals one send as {@link #journalAll} would when that reads nothing; leaves its outcome unset
     * otherwise (its counter not in memory, or a message applied and taken off the list since the send
     * looked for its key, which a look in the store would have to rule out), and when another thread
     * holds the list's lock: the loop does not wait for it, as a holder that lost its core for a while
     * (the JIT's threads and the load share two) would keep the loop from every socket meanwhile (a
     * fresh server's loop waited 79 ms once, docs/performance.md, step 24).
     */
    private void journalNow(Send send) {
        waiting.lockedIfFree(() -> {
            boolean reads = waiting.counter(send.message.conversationId()) == null
                    || (send.message.clientKey() != null && send.removalsSeen != waiting.removals());
            if (!reads) journalLocked(List.of(send));
        });
    }

    /** Read before creating a conversation, for {@link #created}. */
    long countersDropped() {
        return waiting.countersDropped();
    }

    /**
     * A direct conversation just created in H2, without messages: its seq counter (0) is kept, so that
     * its first message is journaled without reading H2 under the list's lock, and on the loop when the
     * rest is in memory too. Nothing is kept when counters were let go since {@code countersDroppedBefore}.
     */
    void created(ConversationId id, long countersDroppedBefore) {
        waiting.keepNew(id, countersDroppedBefore);
    }

    /** Runs {@code work} holding the waiting list's lock (tests: a sender, or the applier, holding it). */
    void whileListLocked(Runnable work) {
        waiting.locked(() -> {
            work.run();
            return null;
        });
    }

    /** Gives one send its seq (adding the message to {@code batch}) or its outcome as a retry or a failure. */
    private void decide(Send send, List<Message> batch, Map<RetryKey, Message> batchKeys) {
        NewMessage m = send.message;
        storable(m);
        if (m.clientKey() != null) {
            RetryKey key = RetryKey.of(m);
            Message original = batchKeys.get(key);
            if (original == null) original = waiting.withKey(key);
            if (original == null && send.removalsSeen != waiting.removals()) {
                // applied and taken off the list since the caller looked in H2: look again
                original = applied(m, key).orElse(null);
            }
            if (original != null) {
                send.result = new Appended(original, true);
                return;
            }
            retryKeys.add(key);
            if (retryKeys.needsToGrow()) fillRetryKeys(retryKeys.grow(0));
        }
        Counter counter = waiting.counter(m.conversationId());
        if (counter == null) {
            counter = new Counter(jdbc.readNow(c -> AppliedMessages.conversation(c, m.conversationId()))
                    .orElseThrow(JdbcConversationStore::conversationNotFound));
            waiting.keep(m.conversationId(), counter);
        }
        Message message = new Message(m.id(), m.conversationId(), ++counter.lastSeq, m.senderId(), m.text(), m.kind(),
                m.clientKey(), m.createdAt(), null, m.visibility(), null);
        batch.add(message);
        if (m.clientKey() != null) batchKeys.put(RetryKey.of(m), message);
        send.result = new Appended(message, false);
    }

    /** After a failed journal write: the batch's seqs are given back and its senders (and retries of them) refused. */
    private void giveBack(List<Send> sends, List<Message> batch) {
        for (Message m : batch) {
            Counter counter = waiting.counter(m.conversationId());
            counter.lastSeq = Math.min(counter.lastSeq, m.seq() - 1);
        }
        for (Send send : sends) {
            if (send.result == null || !batch.contains(send.result.message())) continue;
            send.result = null;
            send.error = new SwitchboardException(ErrorCode.UNAVAILABLE, "the message could not be stored");
        }
    }

    /**
     * Refuses what H2 would refuse when the message is applied, after it was acknowledged: the service
     * checks the same limits with its own messages first, so this is the last line only.
     */
    private static void storable(NewMessage m) {
        if (m.clientKey() != null && m.clientKey().length() > Message.MAX_CLIENT_KEY_LENGTH) {
            throw SwitchboardException.invalid("clientKey must be 1.." + Message.MAX_CLIENT_KEY_LENGTH + " characters");
        }
        if (m.text() == null || m.text().length() > MAX_STORED_TEXT) {
            throw SwitchboardException.invalid("text must be at most " + MAX_STORED_TEXT + " characters");
        }
    }
}
