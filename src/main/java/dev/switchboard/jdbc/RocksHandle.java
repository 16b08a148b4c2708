package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.ConfigOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.MutableDBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RocksDB database as the {@link RocksMessageStore} runs it: two column families, the messages under
 * their ids and the default one (the conversations' index, client keys, counters), flushed together
 * (atomic flush: the files never hold one family's part of a batch without the other's); its options
 * (memory bounded: two 32 MB memory tables per family, a 16 MB block cache holding the index and filter
 * blocks too, a Bloom filter for point lookups, LZ4, two background jobs, level-0 merges of 8 files, a
 * small info log) and a guard around every use. RocksDB used after close ends the process (a
 * segmentation fault, seen in a test), so every use runs in {@link #guarded}, which holds a read lock,
 * and {@link #close} takes the write lock: it waits for calls under way, and later ones answer
 * UNAVAILABLE.
 */
final class RocksHandle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RocksHandle.class);
    private static final long WRITE_BUFFER_BYTES = 32L << 20;
    private static final long BLOCK_CACHE_BYTES = 16L << 20;
    /**
     * Level-0 files (in the index: sorted runs) that start a merge: 8, not RocksDB's 4. The index's keys
     * start with their conversation, so each file it flushes spans the whole key space, and each merge of
     * level 0 into the level below rewrote most of that level; merging twice as much at a time rewrote it
     * half as often (docs/performance.md, step 20). A read may look into up to 8 of them instead of 4;
     * writes slow down at 20, as before.
     */
    private static final int LEVEL0_FILES_TO_MERGE = 8;
    /**
     * The index's keys begin with a tag, the conversation id's length and the id (a UUID, 36 bytes): 39
     * bytes that name a conversation. RocksDB keeps, per such prefix, where in its memory table the last
     * key went, so that the next of that conversation (the next seq) is inserted from there instead of
     * from the top: inserts that land all over the table one at a time walked it from the top each time,
     * the applier's largest RocksDB cost (docs/performance.md, steps 22 and 23). Longer ids are capped,
     * which only makes their hints shared. The messages' family is keyed by time-ordered ids already in
     * order and needs no hint.
     */
    private static final String INDEX_INSERT_HINT_OPTION = "memtable_insert_with_hint_prefix_extractor";
    private static final String INDEX_INSERT_HINT_PREFIX = "rocksdb.CappedPrefix.39";

    /** The column family of the messages themselves, keyed by message id. */
    private static final byte[] MESSAGES = "messages".getBytes(StandardCharsets.UTF_8);

    private final LRUCache cache;
    private final BloomFilter bloom;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final ColumnFamilyOptions indexOptions;
    private final List<ColumnFamilyHandle> families = new ArrayList<>(2);
    private final RocksDB db;
    private final int messagesId;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle

    private RocksHandle(Path dir) throws RocksDBException {
        cache = new LRUCache(BLOCK_CACHE_BYTES);
        bloom = new BloomFilter(10);
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom)
                .setCacheIndexAndFilterBlocks(true).setPinL0FilterAndIndexBlocksInCache(true);
        options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true).setAtomicFlush(true)
                .setMaxBackgroundJobs(2).setInfoLogLevel(InfoLogLevel.WARN_LEVEL).setKeepLogFileNum(2)
                .setMaxLogFileSize(1L << 20);
        familyOptions = family(new ColumnFamilyOptions(), table);
        indexOptions = indexMerging(family(indexOptions(), table));
        db = RocksDB.open(options, dir.toString(), List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, indexOptions),
                new ColumnFamilyDescriptor(MESSAGES, familyOptions)), families);
        messagesId = families.get(1).getID();
    }

    /**
     * The index merges by size tiers (RocksDB's "universal" style), the messages' family by levels. Under
     * levels every merge of the index's level 0 rewrote the whole level below it, which grows with the
     * index: after three minutes at 10,000 msg/s RocksDB's merging took 6-8 µs of CPU per message, a tenth of
     * the server's (docs/performance.md, steps 27 and 29). Tiers merge runs of similar size, so an entry is
     * rewritten a few times over its life instead of at every merge; about half the merging CPU, measured.
     * The price: a full merge, now and then, needs the index's size free on disk again while it runs.
     * A store whose index earlier versions merged by levels opens as it is (each level is a sorted run).
     * The messages' keys are time-ordered, so their new files overlap nothing older and move down unmerged.
     */
    private static ColumnFamilyOptions indexMerging(ColumnFamilyOptions options) {
        return options.setCompactionStyle(CompactionStyle.UNIVERSAL);
    }

    private static ColumnFamilyOptions family(ColumnFamilyOptions options, BlockBasedTableConfig table) {
        return options.setTableFormatConfig(table).setWriteBufferSize(WRITE_BUFFER_BYTES).setMaxWriteBufferNumber(2)
                .setLevel0FileNumCompactionTrigger(LEVEL0_FILES_TO_MERGE).setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    /** Options with the index's insert hint, which RocksJava sets only from an options string. */
    private static ColumnFamilyOptions indexOptions() throws RocksDBException {
        Properties hint = new Properties();
        hint.setProperty(INDEX_INSERT_HINT_OPTION, INDEX_INSERT_HINT_PREFIX);
        try (ConfigOptions config = new ConfigOptions()) {
            ColumnFamilyOptions parsed = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(config, hint);
            if (parsed == null) throw new RocksDBException("RocksDB refused " + INDEX_INSERT_HINT_OPTION);
            return parsed;
        }
    }

    /** Opens (or creates) the database in {@code dir}; fails with an unchecked exception that says why. */
    static RocksHandle open(Path dir) {
        try {
            Files.createDirectories(dir);
            RocksDB.loadLibrary();
            return new RocksHandle(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open the message store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work}, which may use {@link #db}, unless the database is closed (then UNAVAILABLE). */
    <T> T guarded(Supplier<T> work) {
        lifecycle.readLock().lock();
        try {
            if (closed) throw new SwitchboardException(ErrorCode.UNAVAILABLE, "the message store is closed");
            return work.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The database; only inside {@link #guarded}. */
    RocksDB db() {
        return db;
    }

    /** The column family of the messages, keyed by id; only inside {@link #guarded}. */
    ColumnFamilyHandle messages() {
        return families.get(1);
    }

    /** The id of the messages' column family, for batches built in Java ({@link RocksBatch}). */
    int messagesId() {
        return messagesId;
    }

    /** A value of the default column family, or null; only inside {@link #guarded}. */
    byte[] get(byte[] key) {
        return get(families.getFirst(), key);
    }

    /** A value of {@code family}, or null; only inside {@link #guarded}. */
    byte[] get(ColumnFamilyHandle family, byte[] key) {
        try {
            return db.get(family, key);
        } catch (RocksDBException e) {
            throw failed("reading", e);
        }
    }

    /** Writes both families' memory tables to the files, together, and waits for it. */
    void flush() {
        guarded(() -> {
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush, families);
            } catch (RocksDBException e) {
                throw failed("flushing", e);
            }
            return null;
        });
    }

    /** Makes {@link #close} drop the memory tables instead of writing them, as a crash would (for tests). */
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

    /** Waits for calls under way, then closes (writing the memory tables unless told otherwise). */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        for (ColumnFamilyHandle family : families) family.close();
        db.close();
        options.close();
        familyOptions.close();
        indexOptions.close();
        bloom.close();
        cache.close();
    }

    static SwitchboardException failed(String what, RocksDBException e) {
        log.error("message store: {} failed: {}", what, e.getStatus() == null ? e.toString() : e.getStatus().getCodeString());
        return new SwitchboardException(ErrorCode.UNAVAILABLE, "the message store is unavailable", e);
    }
}
