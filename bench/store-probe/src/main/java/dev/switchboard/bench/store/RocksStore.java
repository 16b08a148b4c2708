package dev.switchboard.bench.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** The same three keys in RocksDB: by (conversation, seq), by id, by (conversation, sender, client key). */
final class RocksStore implements StoreProbe.Store {
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
    public void apply(List<StoreProbe.Msg> batch, long position) throws Exception {
        Map<String, Long> lastSeq = new HashMap<>();
        try (WriteBatch b = new WriteBatch()) {
            for (StoreProbe.Msg m : batch) {
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

    private static byte[] encode(StoreProbe.Msg m) throws IOException {
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
