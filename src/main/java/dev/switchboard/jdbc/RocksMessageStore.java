package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.MutableDBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's messages (decision 0009): RocksDB, beside H2, which keeps everything else.
 * The applier writes each batch of journaled messages here in one atomic write without RocksDB's own
 * log, since the {@link MessageJournal} is the log; the batch's journal position goes with it, so a
 * restart knows which messages to store again. Whatever RocksDB holds in memory reaches its files at
 * {@link #flush} (each checkpoint) or when its memory table fills, and everything in its files is a
 * prefix of what was written. Edits and deletions go through RocksDB's log instead: they are not in
 * the journal.
 *
 * <p>Thread-safe: RocksDB is; changing a message reads and writes it under this object's lock.
 */
final class RocksMessageStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RocksMessageStore.class);
    private static final long WRITE_BUFFER_BYTES = 32L << 20;
    private static final long BLOCK_CACHE_BYTES = 16L << 20;

    private final LRUCache cache;
    private final BloomFilter bloom;
    private final Options options;
    private final WriteOptions journaled = new WriteOptions().setDisableWAL(true);
    // an edit is durable when it returns, as an H2 transaction followed by its checkpoint was
    private final WriteOptions logged = new WriteOptions().setSync(true);
    private final RocksDB db;
    // Every use holds the read lock, close the write lock: RocksDB used after close ends the process.
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle
    private long count; // guarded by this

    private RocksMessageStore(Path dir) throws RocksDBException {
        cache = new LRUCache(BLOCK_CACHE_BYTES);
        bloom = new BloomFilter(10);
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom)
                .setCacheIndexAndFilterBlocks(true).setPinL0FilterAndIndexBlocksInCache(true);
        options = new Options().setCreateIfMissing(true).setTableFormatConfig(table)
                .setWriteBufferSize(WRITE_BUFFER_BYTES).setMaxWriteBufferNumber(2)
                .setCompressionType(CompressionType.LZ4_COMPRESSION).setMaxBackgroundJobs(2)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL).setKeepLogFileNum(2).setMaxLogFileSize(1L << 20);
        db = RocksDB.open(options, dir.toString());
        count = MessageCodec.number(db.get(MessageCodec.COUNT));
    }

    /** Opens (or creates) the store in {@code dir}; fails with an unchecked exception that says why. */
    static RocksMessageStore open(Path dir) {
        try {
            Files.createDirectories(dir);
            RocksDB.loadLibrary();
            return new RocksMessageStore(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open the message store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The journal position of the last batch stored (0 when none was). */
    long appliedPosition() {
        return guarded(() -> {
            return MessageCodec.number(get(MessageCodec.APPLIED));
        });
    }

    /** Messages stored. */
    synchronized long count() {
        return count;
    }

    /** Stores a batch of new messages (journal order) and its last journal position, all or nothing. */
    synchronized void store(List<Message> batch, long position) {
        guarded(() -> {
            try (WriteBatch b = new WriteBatch()) {
                for (Message m : batch) put(b, m);
                b.put(MessageCodec.COUNT, MessageCodec.number(count + batch.size()));
                b.put(MessageCodec.APPLIED, MessageCodec.number(position));
                db.write(journaled, b);
                count += batch.size();
            } catch (RocksDBException e) {
                throw failed("storing " + batch.size() + " messages", e);
            }
            return null;
        });
    }

    /**
     * Stores a message again unless it is here (a restart, or a batch that failed): returns whether it
     * was stored. A message changed since it was stored is here, and stays as changed.
     */
    synchronized boolean storeIfAbsent(Message m, long position) {
        return guarded(() -> {
            boolean absent = get(MessageCodec.messageKey(m.conversationId(), m.seq())) == null;
            try (WriteBatch b = new WriteBatch()) {
                if (absent) {
                    put(b, m);
                    b.put(MessageCodec.COUNT, MessageCodec.number(count + 1));
                }
                if (position > appliedPosition()) b.put(MessageCodec.APPLIED, MessageCodec.number(position));
                db.write(journaled, b);
                if (absent) count++;
            } catch (RocksDBException e) {
                throw failed("storing message " + m.id().value(), e);
            }
            return absent;
        });
    }

    private static void put(WriteBatch b, Message m) throws RocksDBException {
        byte[] key = MessageCodec.messageKey(m.conversationId(), m.seq());
        b.put(key, MessageCodec.value(m));
        b.put(MessageCodec.idKey(m.id()), key);
        if (m.clientKey() != null) {
            b.put(MessageCodec.clientKey(m.conversationId(), m.senderId(), m.clientKey()), MessageCodec.number(m.seq()));
        }
    }

    Optional<Message> find(ConversationId conversation, MessageId id) {
        return guarded(() -> {
            byte[] key = get(MessageCodec.idKey(id));
            if (key == null || !MessageCodec.conversationOf(key).equals(conversation)) return Optional.empty();
            return message(key);
        });
    }

    Optional<Message> byClientKey(ConversationId conversation, UserId sender, String clientKey) {
        return guarded(() -> {
            byte[] seq = get(MessageCodec.clientKey(conversation, sender, clientKey));
            return seq == null ? Optional.empty() : message(MessageCodec.messageKey(conversation, MessageCodec.number(seq)));
        });
    }

    Optional<Message> bySeq(ConversationId conversation, long seq) {
        return guarded(() -> {
            return message(MessageCodec.messageKey(conversation, seq));
        });
    }

    /** Up to {@code limit} messages after {@code seq}, oldest first; notes only for {@code withNotes}. */
    List<Message> after(ConversationId conversation, long seq, int limit, boolean withNotes) {
        return guarded(() -> {
            byte[] start = MessageCodec.conversationStart(conversation);
            List<Message> result = new ArrayList<>();
            try (RocksIterator it = db.newIterator()) {
                for (it.seek(MessageCodec.messageKey(conversation, Math.max(seq, 0) + 1));
                        it.isValid() && result.size() < limit && MessageCodec.sameConversation(it.key(), start); it.next()) {
                    addVisible(result, it, withNotes);
                }
            }
            return result;
        });
    }

    /** Up to {@code limit} messages before {@code seq}, newest first; notes only for {@code withNotes}. */
    List<Message> before(ConversationId conversation, long seq, int limit, boolean withNotes) {
        return guarded(() -> {
            byte[] start = MessageCodec.conversationStart(conversation);
            List<Message> result = new ArrayList<>();
            if (seq <= 1) return result;
            try (RocksIterator it = db.newIterator()) {
                for (it.seekForPrev(MessageCodec.messageKey(conversation, seq - 1));
                        it.isValid() && result.size() < limit && MessageCodec.sameConversation(it.key(), start); it.prev()) {
                    addVisible(result, it, withNotes);
                }
            }
            return result;
        });
    }

    /** The conversation's last message, or its last one that is not a note. */
    Optional<Message> last(ConversationId conversation, boolean withNotes) {
        List<Message> one = before(conversation, Long.MAX_VALUE, 1, withNotes);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.getFirst());
    }

    /** How many of the conversation's messages after {@code seq} pass {@code counted} (read without their text). */
    long count(ConversationId conversation, long seq, Predicate<MessageCodec.Head> counted) {
        return guarded(() -> {
            byte[] start = MessageCodec.conversationStart(conversation);
            long n = 0;
            try (RocksIterator it = db.newIterator()) {
                for (it.seek(MessageCodec.messageKey(conversation, Math.max(seq, 0) + 1));
                        it.isValid() && MessageCodec.sameConversation(it.key(), start); it.next()) {
                    if (counted.test(MessageCodec.head(it.value()))) n++;
                }
            }
            return n;
        });
    }

    /** Whether any of the conversation's messages passes {@code test}. */
    boolean anyMessage(ConversationId conversation, Predicate<Message> test) {
        return guarded(() -> {
            byte[] start = MessageCodec.conversationStart(conversation);
            try (RocksIterator it = db.newIterator()) {
                for (it.seek(start); it.isValid() && MessageCodec.sameConversation(it.key(), start); it.next()) {
                    if (test.test(MessageCodec.message(it.key(), it.value()))) return true;
                }
            }
            return false;
        });
    }

    /**
     * Replaces a message that is not deleted with what {@code change} makes of it, through RocksDB's own
     * log (an edit is not in the journal); empty when there is no such message or it is deleted.
     */
    synchronized Optional<Message> change(ConversationId conversation, MessageId id, UnaryOperator<Message> change) {
        return guarded(() -> {
            Optional<Message> current = find(conversation, id).filter(m -> !m.isDeleted());
            if (current.isEmpty()) return current;
            byte[] key = MessageCodec.messageKey(conversation, current.get().seq());
            byte[] value = MessageCodec.value(change.apply(current.get()));
            try {
                db.put(logged, key, value);
            } catch (RocksDBException e) {
                throw failed("changing message " + id.value(), e);
            }
            return Optional.of(MessageCodec.message(key, value)); // as a later read will return it
        });
    }

    /** Hands every stored client key to {@code keys}; returns how many there were. */
    long eachClientKey(AppliedMessages.ClientKeys keys) {
        return guarded(() -> {
            long n = 0;
            byte[] prefix = {MessageCodec.BY_CLIENT_KEY};
            try (RocksIterator it = db.newIterator()) {
                for (it.seek(prefix); it.isValid() && it.key()[0] == MessageCodec.BY_CLIENT_KEY; it.next()) {
                    String[] parts = MessageCodec.clientKeyParts(it.key());
                    keys.accept(parts[0], parts[1], parts[2]);
                    n++;
                }
            }
            return n;
        });
    }

    /** Whether the rows an earlier version stored in H2 were moved here. */
    boolean movedFromH2() {
        return guarded(() -> {
            return get(MessageCodec.FROM_H2) != null;
        });
    }

    /** Records, through RocksDB's log, that the rows H2 held are here, and writes everything to the files. */
    void markMovedFromH2() {
        guarded(() -> {
            try {
                db.put(logged, MessageCodec.FROM_H2, MessageCodec.number(1));
            } catch (RocksDBException e) {
                throw failed("recording the move from H2", e);
            }
            flush();
            return null;
        });
    }

    /** Writes everything stored so far to the files (the checkpoint's part): a restart keeps it. */
    void flush() {
        guarded(() -> {
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            } catch (RocksDBException e) {
                throw failed("flushing", e);
            }
            return null;
        });
    }

    /**
     * Makes {@link #close} end the store as a crash would (for tests): what only memory held, every
     * message stored since the last flush, is lost; edits, in RocksDB's log, are not.
     */
    void loseMemoryOnClose() {
        guarded(() -> {
            try {
                db.setDBOptions(MutableDBOptions.builder().setAvoidFlushDuringShutdown(true).build());
            } catch (RocksDBException e) {
                throw failed("preparing a crash", e);
            }
            return null;
        });
    }

    /** Writes what memory holds to the files and closes. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        db.close();
        journaled.close();
        logged.close();
        options.close();
        bloom.close();
        cache.close();
    }

    private <T> T guarded(Supplier<T> work) {
        lifecycle.readLock().lock();
        try {
            if (closed) throw new SwitchboardException(ErrorCode.UNAVAILABLE, "the message store is closed");
            return work.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void addVisible(List<Message> result, RocksIterator it, boolean withNotes) {
        byte[] value = it.value();
        if (withNotes || MessageCodec.head(value).visibility() != Visibility.STAFF) {
            result.add(MessageCodec.message(it.key(), value));
        }
    }

    private Optional<Message> message(byte[] key) {
        byte[] value = get(key);
        return value == null ? Optional.empty() : Optional.of(MessageCodec.message(key, value));
    }

    private byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw failed("reading", e);
        }
    }

    private static SwitchboardException failed(String what, RocksDBException e) {
        log.error("message store: {} failed: {}", what, e.getStatus() == null ? e.toString() : e.getStatus().getCodeString());
        return new SwitchboardException(ErrorCode.UNAVAILABLE, "the message store is unavailable", e);
    }
}
