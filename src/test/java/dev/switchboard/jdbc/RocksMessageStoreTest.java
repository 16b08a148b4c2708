package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class RocksMessageStoreTest {
    private static final ConversationId C1 = new ConversationId("c1");
    private static final ConversationId C10 = new ConversationId("c10");
    private static final UserId ANN = new UserId("ann");
    private static final UserId BOB = new UserId("bob");
    private static final Instant T = Instant.parse("2026-12-02T10:15:30.123456789Z");

    @TempDir
    Path dir;

    private static Message message(ConversationId c, long seq, UserId sender, Visibility visibility, String key) {
        return new Message(MessageId.timeOrdered(T), c, seq, sender, "text " + seq + " ünïcode", MessageKind.TEXT, key,
                T.truncatedTo(ChronoUnit.MICROS).plusSeconds(seq), null, visibility, null);
    }

    private static List<Message> conversation(ConversationId c, int n) {
        List<Message> result = new ArrayList<>();
        for (int seq = 1; seq <= n; seq++) {
            result.add(message(c, seq, seq % 2 == 0 ? BOB : ANN, seq % 5 == 0 ? Visibility.STAFF : Visibility.ALL,
                    seq % 3 == 0 ? null : "key-" + seq));
        }
        return result;
    }

    @Test
    void returnsEveryFieldOfAStoredMessageAtMicrosecondPrecision() {
        Message m = new Message(MessageId.timeOrdered(T), C1, 1, ANN, "hello", MessageKind.TEXT, "k1", T,
                T.plusSeconds(5), Visibility.STAFF, T.plusSeconds(9));
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(List.of(m), 7);
            Message read = store.find(C1, m.id()).orElseThrow();
            assertThat(read.id()).isEqualTo(m.id());
            assertThat(read.text()).isEqualTo("hello");
            assertThat(read.clientKey()).isEqualTo("k1");
            assertThat(read.visibility()).isEqualTo(Visibility.STAFF);
            assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-12-02T10:15:30.123456Z"));
            assertThat(read.editedAt()).isEqualTo(Instant.parse("2026-12-02T10:15:35.123456Z"));
            assertThat(read.deletedAt()).isEqualTo(Instant.parse("2026-12-02T10:15:39.123456Z"));
            assertThat(store.appliedPosition()).isEqualTo(7);
            assertThat(store.count()).isEqualTo(1);
        }
    }

    @Test
    void pagesStayInsideTheirConversationInSeqOrderAndLeaveNotesOutForCustomers() {
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(conversation(C1, 12), 12);
            store.store(conversation(C10, 3), 15);
            assertThat(store.after(C1, 0, 100, true)).extracting(Message::seq)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
            assertThat(store.after(C1, 3, 4, false)).extracting(Message::seq).containsExactly(4L, 6L, 7L, 8L);
            assertThat(store.before(C1, 11, 3, false)).extracting(Message::seq).containsExactly(9L, 8L, 7L);
            assertThat(store.before(C1, 1, 10, true)).isEmpty();
            assertThat(store.last(C10, true).orElseThrow().seq()).isEqualTo(3);
            assertThat(store.last(C1, false).orElseThrow().seq()).isEqualTo(12);
            assertThat(store.before(C1, 11, 1, true)).extracting(Message::seq).containsExactly(10L);
            assertThat(store.last(new ConversationId("c"), true)).isEmpty();
        }
    }

    @Test
    void pagesAndCountsReachAcrossManyChunksOfReadsAndTheLastMessageBehindManyNotes() {
        List<Message> messages = new ArrayList<>();
        for (int seq = 1; seq <= 700; seq++) {
            messages.add(message(C1, seq, ANN, seq > 650 ? Visibility.STAFF : Visibility.ALL, null));
        }
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(messages, 700);
            store.store(conversation(C10, 3), 703);
            assertThat(store.after(C1, 0, 1000, true)).containsExactlyElementsOf(messages);
            assertThat(store.before(C1, 701, 1000, false)).hasSize(650).first().extracting(Message::seq).isEqualTo(650L);
            assertThat(store.count(C1, 100, h -> true)).isEqualTo(600);
            assertThat(store.last(C1, false).orElseThrow().seq()).isEqualTo(650);
            assertThat(store.last(C1, true).orElseThrow().seq()).isEqualTo(700);
            assertThat(store.after(C1, 640, 5, false)).extracting(Message::seq).containsExactly(641L, 642L, 643L, 644L, 645L);
            assertThat(store.after(C1, 0, 0, true)).isEmpty();
        }
    }

    @Test
    void storesABatchThatInterleavesConversationsWholeThoughItIsWrittenInKeyOrder() {
        List<Message> c10 = conversation(C10, 5);
        List<Message> c1 = conversation(C1, 5);
        List<Message> journalOrder = new ArrayList<>();
        for (int i = 4; i >= 0; i--) { // newest ids first, the later conversation first: nothing in key order
            journalOrder.add(c10.get(i));
            journalOrder.add(c1.get(i));
        }
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(journalOrder, 10);
            assertThat(store.count()).isEqualTo(10);
            assertThat(store.appliedPosition()).isEqualTo(10);
            assertThat(store.after(C1, 0, 100, true)).containsExactlyElementsOf(c1);
            assertThat(store.after(C10, 0, 100, true)).containsExactlyElementsOf(c10);
            for (Message m : journalOrder) assertThat(store.find(m.conversationId(), m.id())).contains(m);
            assertThat(store.byClientKey(C10, BOB, "key-4").orElseThrow().seq()).isEqualTo(4);
            assertThat(store.byClientKey(C1, ANN, "key-5").orElseThrow().seq()).isEqualTo(5);
        }
    }

    @Test
    void theIndexInsertsEachConversationsKeysFromWhereItsLastOneWentAndTheMessagesNeedNoHint() throws Exception {
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(conversation(C1, 3), 3);
        }
        String text = optionsFile();
        String index = text.substring(text.indexOf("[CFOptions \"default\"]"), text.indexOf("[TableOptions/BlockBasedTable \"default\"]"));
        String messages = text.substring(text.indexOf("[CFOptions \"messages\"]"));
        // the hint's prefix covers the tag, the id's length and a UUID: one conversation's keys (MessageCodec)
        assertThat(index).contains("memtable_insert_with_hint_prefix_extractor=rocksdb.CappedPrefix.39");
        assertThat(messages).contains("memtable_insert_with_hint_prefix_extractor=nullptr");
        // the index merges by size tiers, the messages (time-ordered keys) by levels
        assertThat(index).contains("compaction_style=kCompactionStyleUniversal");
        assertThat(messages).contains("compaction_style=kCompactionStyleLevel");
        assertThat(MessageCodec.messageKey(ConversationId.random(), 1)).hasSize(39 + 8);
    }

    @Test
    void countsWhatThePredicatePassesAfterASeqWithoutStrayingIntoTheNextConversation() {
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(conversation(C1, 12), 12);
            store.store(conversation(C10, 30), 42);
            assertThat(store.count(C1, 0, h -> true)).isEqualTo(12);
            assertThat(store.count(C1, 4, h -> !h.sender().equals(ANN) && h.visibility() == Visibility.ALL))
                    .isEqualTo(3); // 6, 8, 12 (10 is a note)
            assertThat(store.anyMessage(C1, m -> m.text().startsWith("text 12 "))).isTrue();
            assertThat(store.anyMessage(C1, m -> m.text().startsWith("text 13 "))).isFalse();
        }
    }

    @Test
    void findsAMessageByIdOnlyInItsOwnConversationAndARetryByItsClientKey() {
        List<Message> messages = conversation(C1, 4);
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(messages, 4);
            assertThat(store.find(C1, messages.get(1).id())).contains(messages.get(1).withAttachments(List.of()));
            assertThat(store.find(C10, messages.get(1).id())).isEmpty();
            assertThat(store.byClientKey(C1, BOB, "key-2").orElseThrow().seq()).isEqualTo(2);
            assertThat(store.byClientKey(C1, ANN, "key-2")).isEmpty();
            List<String> keys = new ArrayList<>();
            assertThat(store.eachClientKey((c, s, k) -> keys.add(c + "/" + s + "/" + k))).isEqualTo(3);
            assertThat(keys).containsExactlyInAnyOrder("c1/ann/key-1", "c1/bob/key-2", "c1/bob/key-4");
        }
    }

    @Test
    void keepsFlushedMessagesAndLoggedEditsThroughACrashButNotWhatOnlyMemoryHeld() {
        List<Message> messages = conversation(C1, 6);
        RocksMessageStore store = RocksMessageStore.open(dir);
        store.store(messages.subList(0, 3), 3);
        store.flush();
        store.store(messages.subList(3, 6), 6);
        store.change(C1, messages.get(4).id(), m -> new Message(m.id(), m.conversationId(), m.seq(), m.senderId(),
                "edited", m.kind(), m.clientKey(), m.createdAt(), T, m.visibility(), null));
        store.loseMemoryOnClose();
        store.close();
        try (RocksMessageStore reopened = RocksMessageStore.open(dir)) {
            assertThat(reopened.appliedPosition()).isEqualTo(3);
            assertThat(reopened.count()).isEqualTo(3);
            assertThat(reopened.after(C1, 0, 10, true)).extracting(Message::seq).containsExactly(1L, 2L, 3L, 5L);
            // the edited one is whole: found by id and by its client key too
            assertThat(reopened.find(C1, messages.get(4).id()).orElseThrow().text()).isEqualTo("edited");
            assertThat(reopened.byClientKey(C1, ANN, "key-5").orElseThrow().seq()).isEqualTo(5);
            // the journal replays 4..6: the edited one stays edited
            for (int i = 3; i < 6; i++) reopened.storeIfAbsent(messages.get(i), i + 1);
            assertThat(reopened.appliedPosition()).isEqualTo(6);
            assertThat(reopened.bySeq(C1, 5).orElseThrow().text()).isEqualTo("edited");
            assertThat(reopened.bySeq(C1, 6).orElseThrow().text()).isEqualTo(messages.get(5).text());
        }
    }

    @Test
    void aStoreWhoseIndexEarlierVersionsMergedByLevelsOpensWithEveryMessageAndTakesNewOnes() throws Exception {
        List<Message> messages = conversation(C1, 30);
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(messages.subList(0, 20), 20);
        }
        // as an earlier version left it: the index merged by levels, its files in the bottom level and level 0
        try (ColumnFamilyOptions levels = new ColumnFamilyOptions(); DBOptions options = new DBOptions()) {
            List<ColumnFamilyHandle> families = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, dir.toString(), List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, levels),
                    new ColumnFamilyDescriptor("messages".getBytes(StandardCharsets.UTF_8), levels)), families)) {
                db.compactRange(families.getFirst());
                assertThat(db.getProperty(families.getFirst(), "rocksdb.num-files-at-level0")).isEqualTo("0");
                families.forEach(ColumnFamilyHandle::close);
            }
        }
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(messages.subList(20, 30), 30);
            store.flush();
            assertThat(store.after(C1, 0, 100, true)).containsExactlyElementsOf(messages);
            assertThat(store.byClientKey(C1, BOB, "key-2").orElseThrow().seq()).isEqualTo(2);
            assertThat(store.appliedPosition()).isEqualTo(30);
        }
        assertThat(optionsFile()).contains("compaction_style=kCompactionStyleUniversal");
    }

    @Test
    void neitherEditsNorDeletesAMessageThatIsDeletedOrMissing() {
        List<Message> messages = conversation(C1, 2);
        try (RocksMessageStore store = RocksMessageStore.open(dir)) {
            store.store(messages, 2);
            MessageId first = messages.getFirst().id();
            assertThat(store.change(C1, first, m -> deleted(m))).isPresent();
            assertThat(store.change(C1, first, m -> deleted(m))).isEmpty();
            assertThat(store.change(C10, messages.get(1).id(), m -> deleted(m))).isEmpty();
            assertThat(store.change(C1, MessageId.random(), m -> deleted(m))).isEmpty();
            assertThat(store.bySeq(C1, 1).orElseThrow().isDeleted()).isTrue();
            assertThat(store.bySeq(C1, 2).orElseThrow().isDeleted()).isFalse();
        }
    }

    /** The text of the newest OPTIONS file RocksDB wrote: the options the store runs with. */
    private String optionsFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return Files.readString(files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
                    .max(Path::compareTo).orElseThrow());
        }
    }

    private static Message deleted(Message m) {
        return new Message(m.id(), m.conversationId(), m.seq(), m.senderId(), "", m.kind(), m.clientKey(),
                m.createdAt(), m.editedAt(), m.visibility(), T);
    }
}
