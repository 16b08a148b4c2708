package dev.switchboard.bench.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Stores messages at a fixed rate in one candidate store, the way Switchboard's applier stores what
 * the journal acknowledged: every 100 ms one batch (rate / 10 messages) spread at random over the
 * conversations, each conversation's seq moved on, the batch's journal position recorded, and every
 * 10 s a checkpoint that makes everything durable. Reports the process's CPU per message (every
 * thread: the store's own background threads too) and what the collector did in the measured window.
 * Then, for 10 s, reads: a history page (the latest 50 messages of a random conversation) and the
 * lookup of a stored message id, in pairs, with the CPU per pair.
 *
 * <pre>StoreProbe h2|rocksdb RATE SECONDS WARMUP CONVERSATIONS DIR</pre>
 *
 * <p>{@code h2}: the server's schema for these tables and its connection settings (ConnectionTarget:
 * MODE=PostgreSQL, WRITE_DELAY=500, CACHE_SIZE=65536). {@code rocksdb}: one key per message by
 * (conversation, seq), one by message id and one by client key, as the table's three keys; the
 * write-ahead log off, since the journal is the log, and a flush at each checkpoint.
 */
public final class StoreProbe {
    private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CHECKPOINT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int READ_SECONDS = 10;

    record Msg(String id, String conversation, long seq, String sender, String text, String clientKey, long createdMillis) {}

    interface Store extends AutoCloseable {
        void apply(List<Msg> batch, long position) throws Exception;

        void checkpoint() throws Exception;

        /** The latest {@code limit} messages of a conversation, newest first (a history page); returns how many. */
        int latest(String conversation, int limit) throws Exception;

        /** Whether a message with this id is stored (the lookup edits and receipts make). */
        boolean hasId(String id) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int conversationCount = Integer.parseInt(args[4]);
        Path dir = Path.of(args[5]);
        Files.createDirectories(dir);
        String[] conversations = new String[conversationCount];
        String[][] senders = new String[conversationCount][2];
        for (int i = 0; i < conversationCount; i++) {
            conversations[i] = UUID.randomUUID().toString();
            senders[i][0] = "bench-customer-" + i;
            senders[i][1] = "bench-agent-" + i;
        }
        try (Store store = switch (kind) {
            case "h2" -> new H2Store(dir, conversations);
            case "rocksdb" -> new RocksStore(dir);
            default -> throw new IllegalArgumentException("store: h2 or rocksdb");
        }) {
            run(store, kind, rate, seconds, warmup, conversations, senders);
        }
    }

    private static void run(Store store, String kind, int rate, int seconds, int warmup, String[] conversations,
            String[][] senders) throws Exception {
        Random random = new Random(42);
        long[] lastSeq = new long[conversations.length];
        int perBatch = rate / 10;
        long position = 0;
        long counter = 0;
        long start = System.nanoTime();
        long nextBatch = start;
        long nextCheckpoint = start + CHECKPOINT_NANOS;
        long windowOpens = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = windowOpens + TimeUnit.SECONDS.toNanos(seconds);
        Snapshot before = null;
        long messagesInWindow = 0;
        long lateNanos = 0;
        List<String> storedIds = new ArrayList<>(); // every tenth id, for the lookups after the writes
        while (true) {
            long now = System.nanoTime();
            if (before == null && now >= windowOpens) before = Snapshot.take();
            if (now >= end) break;
            List<Msg> batch = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                int c = random.nextInt(conversations.length);
                long seq = ++lastSeq[c];
                String id = String.format(Locale.ROOT, "%012x%020x", System.currentTimeMillis(), ++counter);
                if (counter % 10 == 0) storedIds.add(id);
                batch.add(new Msg(id, conversations[c], seq, senders[c][(int) (seq & 1)],
                        "message " + seq + " of " + c, UUID.randomUUID().toString(), System.currentTimeMillis()));
            }
            position += batch.size();
            store.apply(batch, position);
            if (before != null) messagesInWindow += batch.size();
            if (System.nanoTime() >= nextCheckpoint) {
                store.checkpoint();
                nextCheckpoint += CHECKPOINT_NANOS;
            }
            nextBatch += BATCH_NANOS;
            long sleep = nextBatch - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            } else {
                lateNanos = -sleep;
            }
        }
        Snapshot after = Snapshot.take();
        // reads, after the writes: history pages of random conversations and lookups of recent ids
        long readsEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(READ_SECONDS);
        long reads = 0;
        long rows = 0;
        long found = 0;
        long readCpuBefore = Snapshot.take().cpuMillis;
        while (System.nanoTime() < readsEnd) {
            rows += store.latest(conversations[random.nextInt(conversations.length)], 50);
            if (store.hasId(storedIds.get(random.nextInt(storedIds.size())))) {
                found++;
            }
            reads++;
        }
        double readCpuUs = (Snapshot.take().cpuMillis - readCpuBefore) * 1000.0 / reads;
        double cpuUs = (after.cpuMillis - before.cpuMillis) * 1000.0 / messagesInWindow;
        long youngCount = after.youngCount - before.youngCount;
        long youngMillis = after.youngMillis - before.youngMillis;
        System.out.printf(Locale.ROOT, "RESULT {\"store\":\"%s\",\"rate\":%d,\"messages\":%d,\"cpuUsPerMessage\":%.1f,"
                        + "\"youngGcs\":%d,\"youngGcMeanMs\":%.1f,\"youngGcMsPerSecond\":%.1f,\"oldGcs\":%d,"
                        + "\"oldGenGrowthMBPerSecond\":%.2f,\"lateMsAtEnd\":%d,\"readPairs\":%d,"
                        + "\"cpuUsPerReadPair\":%.1f,\"rowsPerPage\":%.1f,\"idsFound\":%d}%n",
                kind, rate, messagesInWindow, cpuUs, youngCount, youngCount == 0 ? 0.0 : (double) youngMillis / youngCount,
                youngMillis / (double) seconds, after.oldCount - before.oldCount,
                (after.oldUsedBytes - before.oldUsedBytes) / 1048576.0 / seconds, TimeUnit.NANOSECONDS.toMillis(lateNanos),
                reads, readCpuUs, rows / (double) reads, found);
    }

    /** Process CPU (every thread, from /proc) and the collectors' counters at one moment. */
    record Snapshot(long cpuMillis, long youngCount, long youngMillis, long oldCount, long oldUsedBytes) {
        static Snapshot take() throws IOException {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // 100 ticks per second
            long youngCount = 0;
            long youngMillis = 0;
            long oldCount = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                String name = gc.getName();
                if (name.contains("Scavenge") || name.contains("Young") || name.equals("Copy")) {
                    youngCount += gc.getCollectionCount();
                    youngMillis += gc.getCollectionTime();
                } else {
                    oldCount += gc.getCollectionCount();
                }
            }
            long oldUsed = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getName().contains("Old Gen") || pool.getName().contains("Tenured")) {
                    oldUsed += pool.getUsage().getUsed();
                }
            }
            return new Snapshot(cpu, youngCount, youngMillis, oldCount, oldUsed);
        }
    }

    /** The server's tables and statements for messages on H2 (B7__baseline.sql, AppliedMessages). */
    static final class H2Store implements Store {
        private final Connection connection;

        H2Store(Path dir, String[] conversations) throws SQLException {
            connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("probe").toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=500"
                    + ";CACHE_SIZE=65536;LOCK_TIMEOUT=10000", "sa", "");
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE conversations (id VARCHAR(128) NOT NULL, last_seq BIGINT NOT NULL DEFAULT 0,"
                        + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT conversations_pk PRIMARY KEY (id))");
                st.execute("CREATE TABLE messages (id VARCHAR(128) NOT NULL, conversation_id VARCHAR(128) NOT NULL,"
                        + " seq BIGINT NOT NULL, sender_id VARCHAR(128) NOT NULL, kind VARCHAR(16) NOT NULL,"
                        + " text VARCHAR NOT NULL, client_key VARCHAR(128), created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                        + " edited_at TIMESTAMP WITH TIME ZONE, visibility VARCHAR(16) DEFAULT 'all' NOT NULL,"
                        + " deleted_at TIMESTAMP WITH TIME ZONE,"
                        + " CONSTRAINT messages_client_key_uq UNIQUE (conversation_id, sender_id, client_key),"
                        + " CONSTRAINT messages_pk PRIMARY KEY (conversation_id, seq),"
                        + " CONSTRAINT messages_id_uq UNIQUE (id))");
                st.execute("CREATE TABLE message_journal (id INT NOT NULL, applied_position BIGINT NOT NULL,"
                        + " CONSTRAINT message_journal_pk PRIMARY KEY (id))");
                st.execute("INSERT INTO message_journal VALUES (1, 0)");
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO conversations (id, updated_at) VALUES (?, ?)")) {
                for (String c : conversations) {
                    ps.setString(1, c);
                    ps.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            connection.setAutoCommit(false);
        }

        @Override
        public void apply(List<Msg> batch, long position) throws SQLException {
            Map<String, Long> lastSeq = new HashMap<>();
            for (Msg m : batch) lastSeq.merge(m.conversation(), m.seq(), Math::max);
            try (PreparedStatement move = connection.prepareStatement("UPDATE conversations SET"
                    + " last_seq = GREATEST(last_seq, ?), updated_at = GREATEST(updated_at, ?) WHERE id = ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (id, conversation_id,"
                            + " seq, sender_id, kind, text, client_key, created_at, edited_at, visibility)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement applied = connection.prepareStatement(
                            "UPDATE message_journal SET applied_position = ? WHERE id = 1")) {
                Timestamp now = new Timestamp(System.currentTimeMillis());
                for (Map.Entry<String, Long> e : lastSeq.entrySet()) {
                    move.setLong(1, e.getValue());
                    move.setTimestamp(2, now);
                    move.setString(3, e.getKey());
                    move.addBatch();
                }
                move.executeBatch();
                for (Msg m : batch) {
                    insert.setString(1, m.id());
                    insert.setString(2, m.conversation());
                    insert.setLong(3, m.seq());
                    insert.setString(4, m.sender());
                    insert.setString(5, "text");
                    insert.setString(6, m.text());
                    insert.setString(7, m.clientKey());
                    insert.setTimestamp(8, new Timestamp(m.createdMillis()));
                    insert.setTimestamp(9, null);
                    insert.setString(10, "all");
                    insert.addBatch();
                }
                insert.executeBatch();
                applied.setLong(1, position);
                applied.executeUpdate();
            }
            connection.commit();
        }

        @Override
        public int latest(String conversation, int limit) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, conversation_id, seq, sender_id, kind,"
                    + " text, client_key, created_at, edited_at, visibility FROM messages WHERE conversation_id = ?"
                    + " ORDER BY seq DESC LIMIT ?")) {
                ps.setString(1, conversation);
                ps.setInt(2, limit);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        rs.getString(6);
                        rs.getTimestamp(8);
                        n++;
                    }
                }
                connection.commit();
                return n;
            }
        }

        @Override
        public boolean hasId(String id) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT seq FROM messages WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean found = rs.next();
                    connection.commit();
                    return found;
                }
            }
        }

        @Override
        public void checkpoint() throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("CHECKPOINT");
            }
            connection.commit();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** The same three keys in RocksDB: by (conversation, seq), by id, by (conversation, sender, client key). */
    static final class RocksStore implements Store {
        private final Options options;
        private final WriteOptions writeOptions;
        private final RocksDB db;

        RocksStore(Path dir) throws RocksDBException {
            RocksDB.loadLibrary();
            options = new Options().setCreateIfMissing(true);
            writeOptions = new WriteOptions().setDisableWAL(true); // the message journal is the log
            db = RocksDB.open(options, dir.resolve("rocks").toString());
        }

        @Override
        public void apply(List<Msg> batch, long position) throws Exception {
            Map<String, Long> lastSeq = new HashMap<>();
            try (WriteBatch b = new WriteBatch()) {
                for (Msg m : batch) {
                    byte[] bySeq = key('m', m.conversation(), m.seq());
                    b.put(bySeq, encode(m));
                    b.put(("i" + m.id()).getBytes(StandardCharsets.UTF_8), bySeq);
                    b.put(("k" + m.conversation() + '\0' + m.sender() + '\0' + m.clientKey()).getBytes(StandardCharsets.UTF_8),
                            ByteBuffer.allocate(8).putLong(m.seq()).array());
                    lastSeq.merge(m.conversation(), m.seq(), Math::max);
                }
                for (Map.Entry<String, Long> e : lastSeq.entrySet()) {
                    b.put(("c" + e.getKey()).getBytes(StandardCharsets.UTF_8),
                            ByteBuffer.allocate(16).putLong(e.getValue()).putLong(System.currentTimeMillis()).array());
                }
                b.put("applied".getBytes(StandardCharsets.UTF_8), ByteBuffer.allocate(8).putLong(position).array());
                db.write(writeOptions, b);
            }
        }

        private static byte[] key(char prefix, String conversation, long seq) {
            byte[] c = conversation.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + c.length + 1 + 8).put((byte) prefix).put(c).put((byte) 0).putLong(seq).array();
        }

        private static byte[] encode(Msg m) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(m.id());
                out.writeUTF(m.conversation());
                out.writeLong(m.seq());
                out.writeUTF(m.sender());
                out.writeUTF("text");
                out.writeUTF(m.text());
                out.writeUTF(m.clientKey());
                out.writeLong(m.createdMillis());
                out.writeUTF("all");
            }
            return bytes.toByteArray();
        }

        @Override
        public int latest(String conversation, int limit) throws IOException {
            byte[] prefix = key('m', conversation, 0);
            int n = 0;
            try (RocksIterator it = db.newIterator()) {
                it.seekForPrev(key('m', conversation, Long.MAX_VALUE));
                for (; it.isValid() && n < limit && startsWith(it.key(), prefix, prefix.length - 8); it.prev()) {
                    decode(it.value());
                    n++;
                }
            }
            return n;
        }

        @Override
        public boolean hasId(String id) throws RocksDBException {
            return db.get(("i" + id).getBytes(StandardCharsets.UTF_8)) != null;
        }

        private static boolean startsWith(byte[] key, byte[] prefix, int length) {
            if (key.length < length) return false;
            for (int i = 0; i < length; i++) if (key[i] != prefix[i]) return false;
            return true;
        }

        private static void decode(byte[] value) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
                in.readUTF();
                in.readUTF();
                in.readLong();
                in.readUTF();
                in.readUTF();
                in.readUTF();
                in.readUTF();
                in.readLong();
                in.readUTF();
            }
        }

        @Override
        public void checkpoint() throws RocksDBException {
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            }
        }

        @Override
        public void close() {
            db.close();
            writeOptions.close();
            options.close();
        }
    }
}
