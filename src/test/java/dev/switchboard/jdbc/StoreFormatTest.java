package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

class StoreFormatTest {
    private static final ConversationId C1 = new ConversationId("c1");
    private static final ConversationId C2 = new ConversationId("c2");
    private static final UserId ANN = new UserId("ann");
    private static final UserId BOB = new UserId("bob");
    private static final Instant T = Instant.parse("2026-12-02T10:15:30.123456Z");

    @TempDir
    Path dir;

    private static List<Message> messages(ConversationId c, int n) {
        List<Message> result = new ArrayList<>();
        for (int seq = 1; seq <= n; seq++) {
            result.add(new Message(MessageId.timeOrdered(T.plusSeconds(seq)), c, seq, seq % 2 == 0 ? BOB : ANN,
                    "text " + seq + " ünïcode", MessageKind.TEXT, seq % 3 == 0 ? null : "key-" + seq, T.plusSeconds(seq),
                    seq == 4 ? T.plusSeconds(40) : null, seq % 5 == 0 ? Visibility.STAFF : Visibility.ALL,
                    seq == 7 ? T.plusSeconds(70) : null));
        }
        return result;
    }

    @Test
    void rewritesAStoreInFormat1WhenItOpensAndFindsEveryMessageByEachOfItsKeys() throws RocksDBException {
        List<Message> c1 = messages(C1, 12);
        List<Message> c2 = messages(C2, 3);
        writeFormat1(c1, c2, 0);
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            assertThat(store.count()).isEqualTo(15);
            assertThat(store.appliedPosition()).isEqualTo(15);
            assertThat(store.after(C1, 0, 100, true)).containsExactlyElementsOf(c1);
            assertThat(store.after(C2, 0, 100, true)).containsExactlyElementsOf(c2);
            for (Message m : c1) assertThat(store.find(C1, m.id())).contains(m);
            assertThat(store.find(C2, c1.getFirst().id())).isEmpty();
            assertThat(store.byClientKey(C1, BOB, "key-4")).contains(c1.get(3));
            assertThat(store.count(C1, 0, h -> h.deleted())).isEqualTo(1);
            List<String> keys = new ArrayList<>();
            store.eachClientKey((c, s, k) -> keys.add(c + "/" + s + "/" + k));
            assertThat(keys).hasSize(10).contains("c1/bob/key-4", "c2/ann/key-1");
        }
        assertThat(keysStartingWith(MessageCodec.BY_ID_1)).as("format 1's id keys").isZero();
        try (RocksMessageStore reopened = RocksMessageStore.open(dir)) {
            assertThat(reopened.after(C1, 0, 100, true)).containsExactlyElementsOf(c1);
        }
    }

    @Test
    void finishesARewriteThatACrashCutShortWithoutLosingTheMessagesAlreadyRewritten() throws RocksDBException {
        List<Message> c1 = messages(C1, 12);
        writeFormat1(c1, List.of(), 0);
        try (RocksHandle rocks = RocksHandle.open(dir)) { // what a rewrite leaves after its first 5 messages
            rocks.guarded(() -> {
                for (Message m : c1.subList(0, 5)) {
                    byte[] id = MessageCodec.idKey(m.id());
                    try {
                        rocks.db().put(rocks.messages(), id, MessageCodec.value(m));
                        rocks.db().put(MessageCodec.messageKey(C1, m.seq()), id);
                    } catch (RocksDBException e) {
                        throw new AssertionError(e);
                    }
                }
                return null;
            });
        }
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            assertThat(store.after(C1, 0, 100, true)).containsExactlyElementsOf(c1);
            assertThat(store.before(C1, 100, 100, false)).extracting(Message::seq)
                    .containsExactly(12L, 11L, 9L, 8L, 7L, 6L, 4L, 3L, 2L, 1L);
        }
    }

    @Test
    void refusesAStoreInAFormatItDoesNotKnowAndLeavesItClosed() throws RocksDBException {
        writeFormat1(messages(C1, 2), List.of(), MessageCodec.FORMAT + 1);
        assertThatThrownBy(() -> RocksMessageStore.open(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 3");
        assertThat(keysStartingWith(MessageCodec.MESSAGE)).as("the store is closed and unchanged").isEqualTo(2);
    }

    @Test
    void marksANewStoreAsInTheCurrentFormat() {
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(messages(C1, 1), 1);
        }
        try (RocksHandle rocks = RocksHandle.open(dir)) {
            assertThat(MessageCodec.number(rocks.guarded(() -> rocks.get(MessageCodec.STORE_FORMAT))))
                    .isEqualTo(MessageCodec.FORMAT);
        }
    }

    /**
     * A store as format 1 wrote it (one column family; the whole message under its conversation and
     * seq, the id and client keys pointing at it, the counters), with a format key if {@code format > 0}.
     */
    private void writeFormat1(List<Message> first, List<Message> second, long format) throws RocksDBException {
        List<Message> all = new ArrayList<>(first);
        all.addAll(second);
        try (Options options = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(options, dir.toString())) {
            for (Message m : all) {
                byte[] key = MessageCodec.messageKey(m.conversationId(), m.seq());
                db.put(key, format1Value(m));
                byte[] id = m.id().value().getBytes(StandardCharsets.UTF_8);
                db.put(ByteBuffer.allocate(1 + id.length).put(MessageCodec.BY_ID_1).put(id).array(), key);
                if (m.clientKey() != null) {
                    db.put(MessageCodec.clientKey(m.conversationId(), m.senderId(), m.clientKey()),
                            MessageCodec.number(m.seq()));
                }
            }
            db.put(MessageCodec.COUNT, MessageCodec.number(all.size()));
            db.put(MessageCodec.APPLIED, MessageCodec.number(all.size()));
            if (format > 0) db.put(MessageCodec.STORE_FORMAT, MessageCodec.number(format));
        }
    }

    /** Format 1's value: 1, visibility, kind, sender, deletion, id, text, client key, creation, edit. */
    private static byte[] format1Value(Message m) {
        ByteBuffer b = ByteBuffer.allocate(1024).put((byte) 1);
        byte[] visibility = utf8(m.visibility().wire());
        byte[] kind = utf8(m.kind().wire());
        byte[] sender = utf8(m.senderId().value());
        byte[] id = utf8(m.id().value());
        byte[] text = utf8(m.text());
        b.put((byte) visibility.length).put(visibility).put((byte) kind.length).put(kind);
        b.putShort((short) sender.length).put(sender).putLong(micros(m.deletedAt()));
        b.putShort((short) id.length).put(id).putInt(text.length).put(text);
        if (m.clientKey() == null) {
            b.putShort((short) -1);
        } else {
            byte[] key = utf8(m.clientKey());
            b.putShort((short) key.length).put(key);
        }
        b.putLong(micros(m.createdAt())).putLong(micros(m.editedAt()));
        byte[] value = new byte[b.position()];
        b.flip().get(value);
        return value;
    }

    private static long micros(Instant at) {
        return at == null ? Long.MIN_VALUE : at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Keys of the default family that start with {@code first}, read without the store's code. */
    private long keysStartingWith(byte first) throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options options = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (RocksDB db = RocksDB.openReadOnly(dir.toString(), descriptors, handles); RocksIterator it = db.newIterator()) {
            long n = 0;
            for (it.seek(new byte[] {first}); it.isValid() && it.key()[0] == first; it.next()) n++;
            handles.forEach(ColumnFamilyHandle::close);
            return n;
        }
    }
}
