package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded database's messages (decision 0009): RocksDB, beside H2, which keeps everything else;
 * the layout is {@link MessageCodec}'s: each message under its time-ordered id in a column family of
 * its own, found through small keys by conversation and seq and by client key. The applier writes
 * each batch of journaled messages here in one atomic write without RocksDB's own log, since the
 * {@link MessageJournal} is the log; the batch's journal position goes with it, so a restart knows
 * which messages to store again. Whatever RocksDB holds in memory reaches its files at {@link #flush}
 * (each checkpoint) or when its memory table fills, and everything in its files is a prefix of what
 * was written. Edits and deletions go through RocksDB's log instead: they are not in the journal.
 *
 * <p>Thread-safe: RocksDB is; changing a message reads and writes it under this object's lock. Every
 * call runs guarded against a concurrent close ({@link RocksHandle}).
 */
final class RocksMessageStore implements AutoCloseable {
    /** Messages read at a time when walking a conversation. */
    private static final int CHUNK = 256;

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
        RocksHandle rocks = RocksHandle.open(dir);
        try {
            rocks.guarded(() -> {
                StoreFormat.upgrade(rocks);
                return null;
            });
            return new RocksMessageStore(rocks);
        } catch (RuntimeException e) {
            rocks.close();
            throw e;
        }
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
            Entries entries = new Entries(batch.size());
            for (Message m : batch) entries.add(m);
            RocksBatch rep = entries.sorted(rocks);
            rep.put(RocksBatch.DEFAULT_FAMILY, MessageCodec.COUNT, MessageCodec.number(count + batch.size()));
            rep.put(RocksBatch.DEFAULT_FAMILY, MessageCodec.APPLIED, MessageCodec.number(position));
            try (WriteBatch b = rep.toWriteBatch()) {
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
            RocksBatch rep = absent ? Entries.of(m).sorted(rocks) : new RocksBatch(32);
            if (absent) rep.put(RocksBatch.DEFAULT_FAMILY, MessageCodec.COUNT, MessageCodec.number(count + 1));
            if (position > appliedPosition()) {
                rep.put(RocksBatch.DEFAULT_FAMILY, MessageCodec.APPLIED, MessageCodec.number(position));
            }
            try (WriteBatch b = rep.toWriteBatch()) {
                rocks.db().write(journaled, b);
                if (absent) count++;
            } catch (RocksDBException e) {
                throw RocksHandle.failed("storing message " + m.id().value(), e);
            }
            return absent;
        });
    }

    /**
     * The entries that store messages: each under its id in the messages' family; its id under its
     * conversation and seq, and its seq under its client key if any, in the default one.
     */
    private static final class Entries {
        private final List<KeyValue> messages;
        private final List<KeyValue> index;
        private int bytes;

        Entries(int size) {
            messages = new ArrayList<>(size);
            index = new ArrayList<>(size * 2);
        }

        /** The entries of one message. */
        static Entries of(Message m) {
            Entries entries = new Entries(1);
            entries.add(m);
            return entries;
        }

        void add(Message m) {
            byte[] id = MessageCodec.idKey(m.id());
            add(messages, id, MessageCodec.value(m));
            add(index, MessageCodec.messageKey(m.conversationId(), m.seq()), id);
            if (m.clientKey() != null) {
                add(index, MessageCodec.clientKey(m.conversationId(), m.senderId(), m.clientKey()),
                        MessageCodec.number(m.seq()));
            }
        }

        private void add(List<KeyValue> to, byte[] key, byte[] value) {
            to.add(new KeyValue(key, value));
            bytes += key.length + value.length + 8;
        }

        /** The first message added, decoded from what is written for it. */
        Message message() {
            KeyValue first = messages.getFirst();
            return MessageCodec.message(first.key(), first.value());
        }

        /** The entries as one batch, each family's in key order, with room for a few more. */
        RocksBatch sorted(RocksHandle rocks) {
            messages.sort(KeyValue.ORDER);
            index.sort(KeyValue.ORDER);
            RocksBatch batch = new RocksBatch(bytes + 64);
            for (KeyValue e : messages) batch.put(rocks.messagesId(), e.key(), e.value());
            for (KeyValue e : index) batch.put(RocksBatch.DEFAULT_FAMILY, e.key(), e.value());
            return batch;
        }
    }

    /** One entry of a write, ordered as RocksDB orders keys (bytes compared unsigned). */
    private record KeyValue(byte[] key, byte[] value) {
        static final Comparator<KeyValue> ORDER = (a, b) -> Arrays.compareUnsigned(a.key, b.key);
    }

    Optional<Message> find(ConversationId conversation, MessageId id) {
        return rocks.guarded(() -> {
            byte[] key = MessageCodec.idKey(id);
            byte[] value = rocks.get(rocks.messages(), key);
            if (value == null) return Optional.empty();
            Message m = MessageCodec.message(key, value);
            return m.conversationId().equals(conversation) ? Optional.of(m) : Optional.empty();
        });
    }

    Optional<Message> byClientKey(ConversationId conversation, UserId sender, String clientKey) {
        return rocks.guarded(() -> {
            byte[] seq = rocks.get(MessageCodec.clientKey(conversation, sender, clientKey));
            return seq == null ? Optional.empty() : bySeq(conversation, MessageCodec.number(seq));
        });
    }

    Optional<Message> bySeq(ConversationId conversation, long seq) {
        return rocks.guarded(() -> {
            byte[] id = rocks.get(MessageCodec.messageKey(conversation, seq));
            byte[] value = id == null ? null : rocks.get(rocks.messages(), id);
            return value == null ? Optional.empty() : Optional.of(MessageCodec.message(id, value));
        });
    }

    /** Up to {@code limit} messages after {@code seq}, oldest first; notes only for {@code withNotes}. */
    List<Message> after(ConversationId conversation, long seq, int limit, boolean withNotes) {
        List<Message> result = new ArrayList<>();
        if (limit <= 0) return result;
        scan(conversation, Math.max(seq, 0) + 1, true, limit, (id, value) -> addVisible(result, id, value, withNotes, limit));
        return result;
    }

    /** Up to {@code limit} messages before {@code seq}, newest first; notes only for {@code withNotes}. */
    List<Message> before(ConversationId conversation, long seq, int limit, boolean withNotes) {
        List<Message> result = new ArrayList<>();
        if (seq <= 1 || limit <= 0) return result;
        scan(conversation, seq - 1, false, limit, (id, value) -> addVisible(result, id, value, withNotes, limit));
        return result;
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
        scan(conversation, Math.max(seq, 0) + 1, true, CHUNK, (id, value) -> {
            heads.accept(MessageCodec.head(value));
            return true;
        });
    }

    /** Whether any of the conversation's messages passes {@code test}. */
    boolean anyMessage(ConversationId conversation, Predicate<Message> test) {
        boolean[] found = {false};
        scan(conversation, 1, true, CHUNK, (id, value) -> {
            found[0] = test.test(MessageCodec.message(id, value));
            return !found[0];
        });
        return found[0];
    }

    /**
     * Hands the conversation's messages from {@code seq} on (forward, or back from it) to {@code each},
     * in order, until it answers false: walks the index by seq and reads the messages under their ids
     * {@code chunk} at a time (at least 16, at most {@value #CHUNK}). The walk sees the index as it was
     * when it began and each message as it is when its chunk is read.
     */
    private void scan(ConversationId conversation, long seq, boolean forward, int chunk, BiPredicate<byte[], byte[]> each) {
        int size = Math.clamp(chunk, 16, CHUNK);
        rocks.guarded(() -> {
            byte[] start = MessageCodec.conversationStart(conversation);
            List<byte[]> ids = new ArrayList<>(size);
            try (RocksIterator it = rocks.db().newIterator()) {
                byte[] from = MessageCodec.messageKey(conversation, seq);
                if (forward) it.seek(from);
                else it.seekForPrev(from);
                while (it.isValid() && MessageCodec.sameConversation(it.key(), start)) {
                    ids.clear();
                    for (; it.isValid() && ids.size() < size && MessageCodec.sameConversation(it.key(), start); step(it, forward)) {
                        ids.add(it.value());
                    }
                    List<byte[]> values = rocks.db().multiGetAsList(Collections.nCopies(ids.size(), rocks.messages()), ids);
                    for (int i = 0; i < ids.size(); i++) {
                        if (values.get(i) != null && !each.test(ids.get(i), values.get(i))) return null;
                    }
                }
            } catch (RocksDBException e) {
                throw RocksHandle.failed("reading conversation " + conversation.value(), e);
            }
            return null;
        });
    }

    private static void step(RocksIterator it, boolean forward) {
        if (forward) it.next();
        else it.prev();
    }

    /**
     * Replaces a message that is not deleted with what {@code change} makes of it, through RocksDB's own
     * log (an edit is not in the journal); empty when there is no such message or it is deleted.
     */
    synchronized Optional<Message> change(ConversationId conversation, MessageId id, UnaryOperator<Message> change) {
        return rocks.guarded(() -> {
            Optional<Message> current = find(conversation, id).filter(m -> !m.isDeleted());
            if (current.isEmpty()) return current;
            Message changed = change.apply(current.get());
            // the whole message's entries, not only its value: the batch that stored it may still be only
            // in memory, and what RocksDB's log holds must find the message after a crash
            Entries entries = Entries.of(changed);
            try (WriteBatch b = entries.sorted(rocks).toWriteBatch()) {
                rocks.db().write(logged, b);
            } catch (RocksDBException e) {
                throw RocksHandle.failed("changing message " + id.value(), e);
            }
            return Optional.of(entries.message()); // as a later read will return it, times in microseconds
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

    /** Adds the message unless it is a note and notes are left out; answers whether to go on. */
    private static boolean addVisible(List<Message> result, byte[] id, byte[] value, boolean withNotes, int limit) {
        if (withNotes || MessageCodec.head(value).visibility() != Visibility.STAFF) {
            result.add(MessageCodec.message(id, value));
        }
        return result.size() < limit;
    }
}
