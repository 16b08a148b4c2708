package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationStore.Appended;
import dev.switchboard.conversation.ConversationStore.NewMessage;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.Message;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's message path (decision 0006): a message is acknowledged once it is in the
 * {@link MessageJournal}, and stored in H2 behind, many to a transaction, by one applier thread.
 *
 * <p>What the database used to decide at insert, this decides before the journal write, under one lock:
 * the seq (each conversation's last seq is kept here from the first send on; it is read from the
 * database only when no message of the conversation is waiting), and whether a client key was used
 * before (the messages waiting here first, then the database). The journal write makes the batch durable
 * (decision 0005); the records carry the seqs, so a restart stores exactly what was acknowledged.
 *
 * <p>Everything else reads H2, so {@link Jdbc} asks {@link #awaitApplied} before every read and
 * transaction: when messages are waiting, the caller waits until those journaled before it are applied.
 * Nobody sees the database without a message that was acknowledged before they asked.
 *
 * <p>Applying: after {@link #LINGER} or {@link #APPLY_BATCH} messages, or at once when someone waits;
 * a batch that fails is applied again one message at a time (each idempotent, as at replay); a
 * message that still fails stays waiting and is tried again, logged, never dropped. Every
 * {@link #CHECKPOINT_EVERY} or {@link #CHECKPOINT_BYTES} of journal a new journal segment starts, what
 * came before it is applied, H2's file is written and the older segments are deleted.
 */
final class MessageWriteBehind implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageWriteBehind.class);
    /** Most messages in one apply transaction. */
    static final int APPLY_BATCH = 2_000;
    /** How long a message waits for company before it is applied, when nobody waits for it. */
    static final Duration LINGER = Duration.ofMillis(100);
    /** Longest text stored (H2's and PostgreSQL's VARCHAR limit is far above any configured message size). */
    static final int MAX_STORED_TEXT = 1_000_000;
    /** Messages waiting to be applied at most; a sender that finds more waits for the applier. */
    static final int MAX_WAITING = 50_000;
    /** How long a reader waits for the applier before it is told the database is unavailable. */
    static final Duration READ_WAIT = Duration.ofSeconds(30);
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(10);
    private static final long CHECKPOINT_BYTES = 16L << 20;
    /** Conversations whose last seq is kept once none of their messages waits; more are forgotten. */
    private static final int KEEP_COUNTERS = 100_000;
    private static final int JOURNAL_BATCH = 256;

    private static final String LAST_SEQ = "SELECT last_seq, type FROM conversations WHERE id = ?";
    private static final String FIND_BY_KEY = "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages m"
            + " WHERE m.conversation_id = ? AND m.sender_id = ? AND m.client_key = ?";
    static final String APPLIED = "UPDATE message_journal SET applied_position = ? WHERE id = 1";
    private static final String HAS_SEQ = "SELECT 1 FROM messages WHERE conversation_id = ? AND seq = ?";
    private static final String MOVE_LAST_SEQ = "UPDATE conversations SET last_seq = GREATEST(last_seq, ?),"
            + " updated_at = GREATEST(updated_at, ?) WHERE id = ?";

    /** A message in the journal, not yet known to be in H2. */
    private record Waiting(long position, Message message, long journaledNanos, boolean supportChat) {}

    /**
     * A conversation's last seq, how many of its messages wait, and whether it may be a support chat
     * (whose unread counters move with each message; in other conversations that statement is skipped).
     */
    private static final class Counter {
        final boolean supportChat;
        long lastSeq;
        int waiting;

        Counter(long lastSeq, boolean supportChat) {
            this.lastSeq = lastSeq;
            this.supportChat = supportChat;
        }
    }

    /** One send on its way through the journal batch; the leader fills in its outcome. */
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
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition applied = lock.newCondition();
    private final LeaderBatch<Send> journalBatch = new LeaderBatch<>(JOURNAL_BATCH, this::journalAll);
    private final Thread applier;

    // Under the lock.
    private final Map<ConversationId, Counter> counters = new HashMap<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private long flushThrough; // apply at once everything journaled up to here
    private long nextCheckpointNanos = System.nanoTime() + CHECKPOINT_EVERY.toNanos();
    private long lingerNanos = LINGER.toNanos();
    private boolean closed;

    // Readable without the lock.
    private final Map<RetryKey, Message> waitingKeys = new ConcurrentHashMap<>();
    private volatile int waitingCount;
    private volatile long removals; // moves on after applied messages left the waiting list

    MessageWriteBehind(Jdbc jdbc, MessageJournal journal) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.applier = Thread.ofPlatform().daemon().name("switchboard-apply").unstarted(this::applyLoop);
        applier.start();
    }

    /**
     * Stores a message: durable (in the journal) when this returns, in H2 soon after. A retry (same
     * conversation, sender and client key) returns the original marked duplicate.
     */
    Appended append(NewMessage message) {
        awaitRoom();
        long removalsSeen = removals;
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
     * Returns once every message journaled before the call is in H2 (at once when none waits). Called
     * by {@link Jdbc} before reads and transactions; not on the applier's own thread or under the lock.
     */
    void awaitApplied() {
        if (waitingCount == 0 || Thread.currentThread() == applier || lock.isHeldByCurrentThread()) return;
        lock.lock();
        try {
            if (waiting.isEmpty()) return;
            long target = waiting.peekLast().position();
            flushThrough = Math.max(flushThrough, target);
            work.signal();
            long nanos = READ_WAIT.toNanos();
            while (!waiting.isEmpty() && waiting.peekFirst().position() <= target) {
                if (nanos <= 0) {
                    throw new SwitchboardException(ErrorCode.UNAVAILABLE,
                            "the database is still storing earlier messages; try again");
                }
                nanos = applied.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the database", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lets messages wait this long for company, and the next checkpoint at least as long (tests hold
     * messages back with a long one).
     */
    void linger(Duration linger) {
        lock.lock();
        try {
            lingerNanos = linger.toNanos();
            nextCheckpointNanos = System.nanoTime() + Math.max(lingerNanos, CHECKPOINT_EVERY.toNanos());
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Messages journaled but not yet in H2 (for tests and metrics). */
    int waiting() {
        return waitingCount;
    }

    /** Applies everything waiting, then stops the applier. Messages it cannot apply stay in the journal. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            applier.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (applier.isAlive()) log.warn("the message applier did not stop; the journal keeps what it had not applied");
    }

    // --- sending -------------------------------------------------------------------------------

    private void awaitRoom() {
        if (waitingCount < MAX_WAITING) return;
        lock.lock();
        try {
            while (waiting.size() >= MAX_WAITING && !closed) {
                flushThrough = Math.max(flushThrough, waiting.peekLast().position());
                work.signal();
                applied.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the database", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The message this one retries, if any. A message with the key is waiting here or in H2: the applier
     * takes one off the waiting list only after its commit, so looking here first and in H2 second misses
     * nothing; one that arrives meanwhile is found by the leader under the lock.
     */
    private Optional<Message> original(NewMessage m) {
        Message waitingOne = waitingKeys.get(RetryKey.of(m));
        if (waitingOne != null) return Optional.of(waitingOne);
        return jdbc.readNow(c -> findByClientKey(c, m));
    }

    /** The leader of a journal batch: seqs, duplicates, one journal write; under the lock. */
    private void journalAll(List<Send> sends) {
        lock.lock();
        try {
            if (closed) {
                for (Send send : sends) send.error = shuttingDown();
                return;
            }
            List<Message> batch = new ArrayList<>(sends.size());
            List<Send> stored = new ArrayList<>(sends.size());
            Map<RetryKey, Message> batchKeys = new HashMap<>();
            for (Send send : sends) {
                try {
                    decide(send, batch, batchKeys);
                } catch (RuntimeException e) {
                    send.error = e;
                }
                if (send.result != null && !send.result.duplicate()) stored.add(send);
            }
            if (batch.isEmpty()) return;
            long first = journal.nextPosition();
            try {
                journal.append(batch);
            } catch (UncheckedIOException e) {
                log.error("message journal write failed; {} messages refused", batch.size(), e);
                for (Message m : batch) {
                    Counter counter = counters.get(m.conversationId());
                    counter.lastSeq = Math.min(counter.lastSeq, m.seq() - 1);
                }
                for (Send send : sends) {
                    if (send.result == null || !batch.contains(send.result.message())) continue;
                    send.result = null;
                    send.error = new SwitchboardException(ErrorCode.UNAVAILABLE, "the message could not be stored");
                }
                return;
            }
            long now = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                Counter counter = counters.get(m.conversationId());
                counter.waiting++;
                waiting.addLast(new Waiting(first + i, m, now, counter.supportChat));
                if (m.clientKey() != null) waitingKeys.put(RetryKey.of(m), m);
            }
            waitingCount = waiting.size();
            if (waiting.size() >= APPLY_BATCH) work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Gives one send its seq (adding the message to {@code batch}) or its outcome as a retry or a failure. */
    private void decide(Send send, List<Message> batch, Map<RetryKey, Message> batchKeys) {
        NewMessage m = send.message;
        storable(m);
        if (m.clientKey() != null) {
            RetryKey key = RetryKey.of(m);
            Message original = batchKeys.get(key);
            if (original == null) original = waitingKeys.get(key);
            // applied and taken off the waiting list since the caller looked in H2: look again
            if (original == null && send.removalsSeen != removals) original = jdbc.readNow(c -> findByClientKey(c, m)).orElse(null);
            if (original != null) {
                send.result = new Appended(original, true);
                return;
            }
        }
        Counter counter = counters.get(m.conversationId());
        if (counter == null) {
            counter = jdbc.readNow(c -> counter(c, m.conversationId()))
                    .orElseThrow(JdbcConversationStore::conversationNotFound);
            counters.put(m.conversationId(), counter);
        }
        Message message = new Message(m.id(), m.conversationId(), ++counter.lastSeq, m.senderId(), m.text(), m.kind(),
                m.clientKey(), m.createdAt(), null, m.visibility(), null);
        batch.add(message);
        if (m.clientKey() != null) batchKeys.put(RetryKey.of(m), message);
        send.result = new Appended(message, false);
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

    // --- applying ------------------------------------------------------------------------------

    private void applyLoop() {
        while (true) {
            List<Waiting> next = List.of();
            boolean checkpoint = false;
            lock.lock();
            try {
                while (true) {
                    if (closed && waiting.isEmpty()) return;
                    if (checkpointDue()) {
                        checkpoint = true;
                        break;
                    }
                    if (due()) {
                        next = head(Long.MAX_VALUE);
                        break;
                    }
                    work.awaitNanos(untilDue());
                }
            } catch (InterruptedException e) {
                log.warn("message applier interrupted; the journal keeps what it had not applied");
                return;
            } finally {
                lock.unlock();
            }
            if (checkpoint) {
                checkpoint();
            } else if (!apply(next)) {
                if (isClosed()) {
                    log.warn("stopping with {} messages not applied; the journal keeps them for the next start", waitingCount);
                    return;
                }
                pause();
            }
        }
    }

    /** Whether messages are to be applied now: someone waits, the batch is full, or the oldest lingered long enough. */
    private boolean due() {
        if (waiting.isEmpty()) return false;
        return closed || waiting.peekFirst().position() <= flushThrough || waiting.size() >= APPLY_BATCH
                || System.nanoTime() - waiting.peekFirst().journaledNanos() >= lingerNanos;
    }

    private boolean checkpointDue() {
        long bytes = journal.bytesInSegment();
        return bytes > 0 && (bytes >= CHECKPOINT_BYTES || System.nanoTime() - nextCheckpointNanos >= 0);
    }

    /** How long nothing is due: until the oldest waiting message lingered enough, or the next checkpoint. */
    private long untilDue() {
        long now = System.nanoTime();
        long wait = TimeUnit.SECONDS.toNanos(1);
        if (journal.bytesInSegment() > 0) wait = Math.min(wait, nextCheckpointNanos - now);
        if (!waiting.isEmpty()) wait = Math.min(wait, lingerNanos - (now - waiting.peekFirst().journaledNanos()));
        return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Up to {@link #APPLY_BATCH} waiting messages from the oldest, those before {@code position} only; under the lock. */
    private List<Waiting> head(long position) {
        List<Waiting> next = new ArrayList<>(Math.min(APPLY_BATCH, waiting.size()));
        for (Waiting w : waiting) {
            if (next.size() == APPLY_BATCH || w.position() >= position) break;
            next.add(w);
        }
        return next;
    }

    /**
     * Stores {@code batch} (the oldest waiting messages, in journal order) in one transaction, or, when
     * that fails, one at a time; returns whether all of it is stored.
     */
    private boolean apply(List<Waiting> batch) {
        try {
            jdbc.inJournaledTransactionOnce(c -> {
                insertAll(c, batch);
                return null;
            });
            applied(batch);
            return true;
        } catch (RuntimeException e) {
            log.warn("storing {} journaled messages in one transaction failed; storing them one at a time", batch.size(), e);
        }
        for (Waiting w : batch) {
            try {
                // idempotent, as at replay: the failed transaction may have committed after all
                jdbc.inJournaledTransactionOnce(c -> {
                    storeAgain(c, w.message());
                    setApplied(c, w.position());
                    return null;
                });
                applied(List.of(w));
            } catch (RuntimeException e) {
                log.error("the message at journal position {} could not be stored in the database; it stays in the"
                        + " journal and is tried again", w.position(), e);
                return false;
            }
        }
        return true;
    }

    /** The batch's statements: each conversation's last seq and time moved on, the messages, the support counters. */
    private static void insertAll(Connection c, List<Waiting> batch) throws SQLException {
        Map<ConversationId, Long> lastSeqOf = new HashMap<>();
        Map<ConversationId, Instant> latestOf = new HashMap<>();
        for (Waiting w : batch) {
            Message m = w.message();
            lastSeqOf.merge(m.conversationId(), m.seq(), Math::max);
            latestOf.merge(m.conversationId(), m.createdAt(), (a, b) -> b.isAfter(a) ? b : a);
        }
        boolean countersToMove = false;
        try (PreparedStatement move = c.prepareStatement(MOVE_LAST_SEQ);
                PreparedStatement insert = c.prepareStatement(MessageAppender.INSERT);
                PreparedStatement counters = c.prepareStatement(SupportCounters.AFTER_APPEND)) {
            for (Map.Entry<ConversationId, Long> last : lastSeqOf.entrySet()) {
                move.setLong(1, last.getValue());
                Rows.setInstant(move, 2, latestOf.get(last.getKey()));
                move.setString(3, last.getKey().value());
                move.addBatch();
            }
            move.executeBatch();
            for (Waiting w : batch) {
                MessageAppender.bind(insert, w.message());
                insert.addBatch();
                if (w.supportChat()) countersToMove |= SupportCounters.addAfterAppend(counters, w.message());
            }
            insert.executeBatch();
            if (countersToMove) counters.executeBatch();
        }
        setApplied(c, batch.getLast().position());
    }

    /**
     * Stores a journaled message unless the database already has its seq: the effects of applying it,
     * with the seq the journal recorded (at start-up, and when a batch failed). A message whose
     * conversation is missing is skipped (it cannot have been acknowledged after its conversation was).
     */
    static boolean storeAgain(Connection c, Message m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HAS_SEQ)) {
            ps.setString(1, m.conversationId().value());
            ps.setLong(2, m.seq());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(MOVE_LAST_SEQ)) {
            ps.setLong(1, m.seq());
            Rows.setInstant(ps, 2, m.createdAt());
            ps.setString(3, m.conversationId().value());
            if (ps.executeUpdate() == 0) {
                log.warn("journal names a message of conversation {}, which does not exist; skipped", m.conversationId());
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(MessageAppender.INSERT)) {
            MessageAppender.bind(ps, m);
            ps.executeUpdate();
        }
        try (PreparedStatement counters = c.prepareStatement(SupportCounters.AFTER_APPEND)) {
            if (SupportCounters.addAfterAppend(counters, m)) counters.executeBatch();
        }
        return true;
    }

    private static void setApplied(Connection c, long position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(APPLIED)) {
            ps.setLong(1, position);
            ps.executeUpdate();
        }
    }

    /** Takes messages now in H2 off the waiting list (they are its head) and wakes whoever waits for them. */
    private void applied(List<Waiting> done) {
        lock.lock();
        try {
            for (Waiting w : done) {
                Waiting head = waiting.pollFirst();
                if (head != w) throw new IllegalStateException("applied out of journal order");
                Message m = w.message();
                counters.get(m.conversationId()).waiting--;
                if (m.clientKey() != null) waitingKeys.remove(RetryKey.of(m), m);
            }
            waitingCount = waiting.size();
            removals++;
            if (counters.size() > KEEP_COUNTERS) counters.values().removeIf(counter -> counter.waiting == 0);
            applied.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a new journal segment, stores everything before it, writes H2's file and deletes the older
     * segments: a restart then replays at most what came after.
     */
    private void checkpoint() {
        long boundary;
        lock.lock();
        try {
            nextCheckpointNanos = System.nanoTime() + CHECKPOINT_EVERY.toNanos();
            boundary = journal.roll();
        } catch (UncheckedIOException e) {
            log.warn("cannot start a new message journal segment; the journal keeps growing", e);
            return;
        } finally {
            lock.unlock();
        }
        while (true) {
            List<Waiting> before;
            lock.lock();
            try {
                before = head(boundary);
            } finally {
                lock.unlock();
            }
            if (before.isEmpty()) break;
            if (!apply(before)) return; // the older segments stay until a later checkpoint
        }
        try {
            jdbc.checkpoint();
        } catch (RuntimeException e) {
            log.warn("checkpoint of the embedded database failed; the message journal keeps growing", e);
            return;
        }
        lock.lock();
        try {
            journal.deleteBefore(boundary);
        } catch (UncheckedIOException e) {
            log.warn("cannot delete old message journal segments", e);
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** After a failed apply: a second's rest, cut short by {@link #close}. */
    private void pause() {
        lock.lock();
        try {
            if (!closed) work.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The conversation's seq counter as H2 has it (only while none of its messages waits), if it exists. */
    private static Optional<Counter> counter(Connection c, ConversationId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LAST_SEQ)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Counter(rs.getLong(1),
                        ConversationType.CUSTOMER_SUPPORT.wire().equals(rs.getString(2))));
            }
        }
    }

    private static Optional<Message> findByClientKey(Connection c, NewMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND_BY_KEY)) {
            ps.setString(1, m.conversationId().value());
            ps.setString(2, m.senderId().value());
            ps.setString(3, m.clientKey());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.message(rs)) : Optional.empty();
            }
        }
    }

    private static SwitchboardException shuttingDown() {
        return new SwitchboardException(ErrorCode.UNAVAILABLE, "the server is shutting down");
    }

    /** What makes two sends one message: the same client key from the same sender in the same conversation. */
    private record RetryKey(ConversationId conversationId, String senderId, String clientKey) {
        static RetryKey of(NewMessage m) {
            return new RetryKey(m.conversationId(), m.senderId().value(), m.clientKey());
        }

        static RetryKey of(Message m) {
            return new RetryKey(m.conversationId(), m.senderId().value(), m.clientKey());
        }
    }
}
