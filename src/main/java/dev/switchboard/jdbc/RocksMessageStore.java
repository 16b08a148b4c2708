package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded database's messages (decision 0009): RocksDB, beside H2, which keeps everything else.
 * The applier writes each batch of journaled messages here in one atomic write without RocksDB's own
 * log, since the {@link MessageJournal} is the log; the batch's journal position goes with it, so a
 * restart knows which messages to store again. Whatever RocksDB holds in memory reaches its files at
 * {@link #flush} (each checkpoint) or when its memory table fills, and everything in its files is a
 * prefix of what was written. Edits and deletions go through RocksDB's log instead: they are not in
 * the journal.
 *
 * <p>Thread-safe: RocksDB is; changing a message reads and writes it under this object's lock. Every
 * call runs guarded against a concurrent close ({@link RocksHandle}).
 */
final class RocksMessageStore implements AutoCloseable {
    private final RocksHandle rocks;
    private final WriteOptions journaled = new WriteOptions().setDisableWAL(true);
    // an edit is durable when it returns, as an H2 transaction followed by its checkpoint was
    private final WriteOptions logged = new WriteOptions().setSync(true);
    private long count; // guarded by this

    private RocksMessageStore(RocksHandle rocks) {
        this.rocks = rocks;
        this.count = MessageCodec.number(rocks.guarded(() -> rocks.get(MessageCodec.COUNT)));
    }

    /** Opens (or creates) the store in {@code dir}; fails with an unchecked exception that says why. */
    static RocksMessageStore open(Path dir) {
        return new RocksMessageStore(RocksHandle.open(dir));
    }

    /** The journal position of the last batch stored (0 when none was). */
    long appliedPosition() {
        return rocks.guarded(() -> MessageCodec.number(rocks.get(MessageCodec.APPLIED)));
    }

    /** Messages stored. */
    synchronized long count() {
        return count;
    }

    /** Stores a batch of new messages (journal order) and its last journal position, all or nothing. */
    synchronized void store(List<Message> batch, long position) {
        rocks.guarded(() -> {
            // in key order: each insert into RocksDB's memory table then starts where the one before
            // ended instead of from its top (stable, so that equal keys would keep their order)
            List<KeyValue> entries = new ArrayList<>(batch.size() * 3);
            for (Message m : batch) addEntries(m, entries);
            entries.sort(KeyValue.ORDER);
            try (WriteBatch b = new WriteBatch()) {
                putAll(b, entries);
                b.put(MessageCodec.COUNT, MessageCodec.number(count + batch.size()));
                b.put(MessageCodec.APPLIED, MessageCodec.number(position));
                rocks.db().write(journaled, b);
                count += batch.size();
            } catch (RocksDBException e) {
                throw RocksHandle.failed("storing " + batch.size() + " messages", e);
            }
            return null;
        });
    }

    /**
     * Stores a message again unless it is here (a restart, or a batch that failed): returns whether it
     * was stored. A message changed since it was stored is here, and stays as changed.
     */
    synchronized boolean storeIfAbsent(Message m, long position) {
        return rocks.guarded(() -> {
            boolean absent = rocks.get(MessageCodec.messageKey(m.conversationId(), m.seq())) == null;
            try (WriteBatch b = new WriteBatch()) {
                if (absent) {
                    put(b, m);
                    b.put(MessageCodec.COUNT, MessageCodec.number(count + 1));
                }
                if (position > appliedPosition()) b.put(MessageCodec.APPLIED, MessageCodec.number(position));
                rocks.db().write(journaled, b);
                if (absent) count++;
            } catch (RocksDBException e) {
                throw RocksHandle.failed("storing message " + m.id().value(), e);
            }
            return absent;
        });
    }

    private static void put(WriteBatch b, Message m) throws RocksDBException {
        List<KeyValue> entries = new ArrayList<>(3);
        addEntries(m, entries);
        putAll(b, entries);
    }

    private static void putAll(WriteBatch b, List<KeyValue> entries) throws RocksDBException {
        for (KeyValue e : entries) b.put(e.key(), e.value());
    }

    /** Adds the entries that store a message: by conversation and seq, its id, and its client key if any. */
    private static void addEntries(Message m, List<KeyValue> into) {
        byte[] key = MessageCodec.messageKey(m.conversationId(), m.seq());
        into.add(new KeyValue(key, MessageCodec.value(m)));
        into.add(new KeyValue(MessageCodec.idKey(m.id()), key));
        if (m.clientKey() != null) {
            into.add(new KeyValue(MessageCodec.clientKey(m.conversationId(), m.senderId(), m.clientKey()),
                    MessageCodec.number(m.seq())));
        }
    }

    /** One entry of a write, ordered as RocksDB orders keys (bytes compared unsigned). */
    private record KeyValue(byte[] key, byte[] value) {
        static final Comparator<KeyValue> ORDER = (a, b) -> Arrays.compareUnsigned(a.key, b.key);
    }

    Optional<Message> find(ConversationId conversation, MessageId id) {
        return rocks.guarded(() -> {
            byte[] key = rocks.get(MessageCodec.idKey(id));
            if (key == null || !MessageCodec.conversationOf(key).equals(conversation)) return Optional.empty();
            return message(key);
        });
    }

    Optional<Message> byClientKey(ConversationId conversation, UserId sender, String clientKey) {
        return rocks.guarded(() -> {
            byte[] seq = rocks.get(MessageCodec.clientKey(conversation, sender, clientKey));
            return seq == null ? Optional.empty() : message(MessageCodec.messageKey(conversation, MessageCodec.number(seq)));
        });
    }

    Optional<Message> bySeq(ConversationId conversation, long seq) {
        return rocks.guarded(() -> message(MessageCodec.messageKey(conversation, seq)));
    }

    /** Up to {@code limit} messages after {@code seq}, oldest first; notes only for {@code withNotes}. */
    List<Message> after(ConversationId conversation, long seq, int limit, boolean withNotes) {
        return rocks.guarded(() -> {
            byte[] start = MessageCodec.conversationStart(conversation);
            List<Message> result = new ArrayList<>();
            try (RocksIterator it = rocks.db().newIterator()) {
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
        return rocks.guarded(() -> {
            byte[] start = MessageCodec.conversationStart(conversation);
            List<Message> result = new ArrayList<>();
            if (seq <= 1) return result;
            try (RocksIterator it = rocks.db().newIterator()) {
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
        long[] n = {0};
        eachHead(conversation, seq, head -> {
            if (counted.test(head)) n[0]++;
        });
        return n[0];
    }

    /** What {@code reader} has not read after {@code seq}: the others' messages, notes only {@code withNotes}. */
    long unread(ConversationId conversation, long seq, UserId reader, boolean withNotes) {
        return count(conversation, seq, m -> !m.sender().equals(reader) && (withNotes || m.visibility() == Visibility.ALL));
    }

    /** Hands each of the conversation's messages after {@code seq}, in order, to {@code heads}, without its text. */
    void eachHead(ConversationId conversation, long seq, Consumer<MessageCodec.Head> heads) {
        rocks.guarded(() -> {
            byte[] start = MessageCodec.conversationStart(conversation);
            try (RocksIterator it = rocks.db().newIterator()) {
                for (it.seek(MessageCodec.messageKey(conversation, Math.max(seq, 0) + 1));
                        it.isValid() && MessageCodec.sameConversation(it.key(), start); it.next()) {
                    heads.accept(MessageCodec.head(it.value()));
                }
            }
            return null;
        });
    }

    /** Whether any of the conversation's messages passes {@code test}. */
    boolean anyMessage(ConversationId conversation, Predicate<Message> test) {
        return rocks.guarded(() -> {
            byte[] start = MessageCodec.conversationStart(conversation);
            try (RocksIterator it = rocks.db().newIterator()) {
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
        return rocks.guarded(() -> {
            Optional<Message> current = find(conversation, id).filter(m -> !m.isDeleted());
            if (current.isEmpty()) return current;
            byte[] key = MessageCodec.messageKey(conversation, current.get().seq());
            byte[] value = MessageCodec.value(change.apply(current.get()));
            try {
                rocks.db().put(logged, key, value);
            } catch (RocksDBException e) {
                throw RocksHandle.failed("changing message " + id.value(), e);
            }
            return Optional.of(MessageCodec.message(key, value)); // as a later read will return it
        });
    }

    /** Hands every stored client key to {@code keys}; returns how many there were. */
    long eachClientKey(AppliedMessages.ClientKeys keys) {
        return rocks.guarded(() -> {
            long n = 0;
            byte[] prefix = {MessageCodec.BY_CLIENT_KEY};
            try (RocksIterator it = rocks.db().newIterator()) {
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
        return rocks.guarded(() -> rocks.get(MessageCodec.FROM_H2) != null);
    }

    /** Records, through RocksDB's log, that the rows H2 held are here, and writes everything to the files. */
    void markMovedFromH2() {
        rocks.guarded(() -> {
            try {
                rocks.db().put(logged, MessageCodec.FROM_H2, MessageCodec.number(1));
            } catch (RocksDBException e) {
                throw RocksHandle.failed("recording the move from H2", e);
            }
            flush();
            return null;
        });
    }

    /** Writes everything stored so far to the files (the checkpoint's part): a restart keeps it. */
    void flush() {
        rocks.flush();
    }

    /**
     * Makes {@link #close} end the store as a crash would (for tests): what only memory held, every
     * message stored since the last flush, is lost; edits, in RocksDB's log, are not.
     */
    void loseMemoryOnClose() {
        rocks.loseMemoryOnClose();
    }

    /** Writes what memory holds to the files and closes; later calls answer UNAVAILABLE. */
    @Override
    public void close() {
        rocks.close(); // waits for calls under way; none starts after it
        journaled.close();
        logged.close();
    }

    private void addVisible(List<Message> result, RocksIterator it, boolean withNotes) {
        byte[] value = it.value();
        if (withNotes || MessageCodec.head(value).visibility() != Visibility.STAFF) {
            result.add(MessageCodec.message(it.key(), value));
        }
    }

    private Optional<Message> message(byte[] key) {
        byte[] value = rocks.get(key);
        return value == null ? Optional.empty() : Optional.of(MessageCodec.message(key, value));
    }
}
