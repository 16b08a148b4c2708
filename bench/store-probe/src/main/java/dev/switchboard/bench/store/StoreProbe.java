package dev.switchboard.bench.store;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
}
