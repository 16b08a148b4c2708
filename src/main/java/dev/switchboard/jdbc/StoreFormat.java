package dev.switchboard.jdbc;

import dev.switchboard.conversation.Message;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a {@link RocksMessageStore} to {@link MessageCodec}'s format when it opens. A new store is
 * marked as in the current format. A store in format 1 (whole messages under their conversation and
 * seq, ids as a third key) is rewritten in place, a chunk at a time: each message goes under its id in
 * the messages' family and its conversation-and-seq key then holds only the id; once every message is
 * rewritten and on disk, the format-1 id keys are dropped, the format recorded and the default family
 * merged whole, so that the space format 1 took is given back at once (the rewrite needs about as much
 * again while it runs). A rewrite cut short
 * by a crash starts over where it stopped: a rewritten entry holds an id, which no format-1 value
 * begins like, and is passed over.
 */
final class StoreFormat {
    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);
    private static final int CHUNK = 10_000;

    private StoreFormat() {}

    /** Rewrites the store in the current format unless it is in it; fails on a format it does not know. */
    static void upgrade(RocksHandle rocks) {
        byte[] format = rocks.get(MessageCodec.STORE_FORMAT);
        if (format != null) {
            long n = MessageCodec.number(format);
            if (n != MessageCodec.FORMAT) {
                throw new IllegalStateException("the message store is in format " + n + ", which this version ("
                        + MessageCodec.FORMAT + ") cannot read");
            }
            return;
        }
        long started = System.nanoTime();
        long rewritten = rewriteFormat1(rocks);
        try (WriteOptions logged = new WriteOptions().setSync(true); WriteBatch b = new WriteBatch()) {
            if (rewritten > 0) {
                rocks.flush(); // every rewritten message on disk before the id keys go
                b.deleteRange(new byte[] {MessageCodec.BY_ID_1}, new byte[] {MessageCodec.BY_ID_1 + 1});
            }
            b.put(MessageCodec.STORE_FORMAT, MessageCodec.number(MessageCodec.FORMAT));
            rocks.db().write(logged, b);
        } catch (RocksDBException e) {
            throw RocksHandle.failed("recording the store's format", e);
        }
        if (rewritten > 0) {
            long compacting = System.nanoTime();
            compactIndex(rocks);
            log.info("message store: {} messages rewritten from format 1 to {} in {} ms (the index compacted in {} ms)",
                    rewritten, MessageCodec.FORMAT, (System.nanoTime() - started) / 1_000_000,
                    (System.nanoTime() - compacting) / 1_000_000);
        }
    }

    /**
     * Merges the whole default family at once, so that the format-1 messages and id keys it no longer
     * uses leave the disk now instead of whenever RocksDB's merges would reach them.
     */
    private static void compactIndex(RocksHandle rocks) {
        try {
            rocks.db().compactRange();
        } catch (RocksDBException e) {
            throw RocksHandle.failed("compacting the index after the rewrite", e);
        }
    }

    private static long rewriteFormat1(RocksHandle rocks) {
        long rewritten = 0;
        try (WriteOptions unlogged = new WriteOptions().setDisableWAL(true);
                RocksIterator it = rocks.db().newIterator()) {
            WriteBatch b = new WriteBatch();
            try {
                for (it.seek(new byte[] {MessageCodec.MESSAGE}); it.isValid() && it.key()[0] == MessageCodec.MESSAGE; it.next()) {
                    if (!MessageCodec.isFormat1(it.value())) continue;
                    Message m = MessageCodec.messageInFormat1(it.key(), it.value());
                    byte[] id = MessageCodec.idKey(m.id());
                    b.put(rocks.messages(), id, MessageCodec.value(m));
                    b.put(it.key(), id);
                    if (++rewritten % CHUNK == 0) {
                        rocks.db().write(unlogged, b);
                        b.close();
                        b = new WriteBatch();
                    }
                }
                rocks.db().write(unlogged, b);
            } finally {
                b.close();
            }
        } catch (RocksDBException e) {
            throw RocksHandle.failed("rewriting the store in format " + MessageCodec.FORMAT, e);
        }
        return rewritten;
    }
}
