package dev.switchboard.jdbc;

import dev.switchboard.jdbc.WaitingMessages.RetryKey;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which retry keys (conversation, sender, client key) H2 may hold: a Bloom filter, so that a first
 * send with a client key, nearly every send, needs no lookup in H2 to learn it is not a retry
 * (decision 0008). "No" is certain, "maybe" means look in H2 as before; about 0.05 % of new keys get a
 * "maybe" while the filter holds no more keys than it was sized for.
 *
 * <p>It answers "maybe" to everything until it is {@link #ready}: built from every key in H2
 * ({@link #fill}) while every key sent meanwhile is {@link #add added} as well. The owner adds a key
 * before the message is journaled and starts the fill only after everything journaled before it has
 * been applied, so no key in H2 is missing from a ready filter. Past its capacity the owner builds a
 * larger one the same way ({@link #growing}); the old one keeps answering, and learning keys, until the
 * new one takes over.
 *
 * <p>{@link #add} is called by one thread at a time (under the waiting list's lock); the answers read
 * the bits without a lock, and a bit set by a concurrent add may be missed, which only means that the
 * caller's second look under the lock decides (see {@link MessageWriteBehind}).
 */
final class RetryKeyFilter {
    /**
     * Bits per key and hash functions for ~0.05 % false positives at capacity. With 10 and 7 (~1 %)
     * the lookups of new keys taken for retries grew to a fifth of the handlers' time after minutes
     * at 10,000 msg/s: each reads a large store's filter blocks from disk (docs/performance.md, step 20).
     */
    private static final int BITS_PER_KEY = 16;
    private static final int HASHES = 11;
    /** The smallest filter: 2^18 keys in 512 KB. */
    static final long MIN_CAPACITY = 1L << 18;

    /** One filter's bits: a power of two of them, so an index is a mask away. */
    static final class Bits {
        private final AtomicLongArray words;
        private final long mask;
        private final long capacity;
        private final AtomicLong added = new AtomicLong();

        Bits(long capacity) {
            long bits = Long.highestOneBit(Math.max(MIN_CAPACITY, capacity) * BITS_PER_KEY - 1) << 1;
            if (bits / 64 > Integer.MAX_VALUE) throw new IllegalArgumentException("filter too large: " + capacity + " keys");
            this.words = new AtomicLongArray((int) (bits / 64));
            this.mask = bits - 1;
            this.capacity = bits / BITS_PER_KEY;
        }

        /** The {@code i}-th bit a hash sets: double hashing, the step odd so that the probes differ. */
        private long probe(long hash, int i) {
            return (hash + i * (Long.rotateLeft(hash, 32) | 1)) & mask;
        }

        // Atomic: the fill's thread and the senders' adds set bits of the same growing filter at once.
        void add(long hash) {
            for (int i = 0; i < HASHES; i++) {
                long bit = probe(hash, i);
                long word = 1L << bit;
                int at = (int) (bit >>> 6);
                if ((words.get(at) & word) == 0) words.getAndAccumulate(at, word, (a, b) -> a | b);
            }
            added.incrementAndGet();
        }

        boolean mightContain(long hash) {
            for (int i = 0; i < HASHES; i++) {
                long bit = probe(hash, i);
                if ((words.get((int) (bit >>> 6)) & (1L << bit)) == 0) return false;
            }
            return true;
        }

        boolean full() {
            return added.get() > capacity;
        }

        long capacity() {
            return capacity;
        }
    }

    private volatile Bits ready; // answers once filled; null before
    private volatile Bits growing; // being filled; learns every key added meanwhile
    private volatile boolean growSoon; // for tests: needsToGrow as if the answering bits were full

    /** A filter that answers "maybe" until {@link #fill} has run on the bits {@link #grow} returned. */
    RetryKeyFilter() {}

    /** False when the key was certainly never added nor filled in; true when it may have been. */
    boolean mightContain(RetryKey key) {
        Bits bits = ready;
        return bits == null || bits.mightContain(hash(key));
    }

    /** Records a key about to be stored. One caller at a time. */
    void add(RetryKey key) {
        long hash = hash(key);
        Bits now = ready;
        Bits next = growing;
        if (now != null) now.add(hash);
        if (next != null) next.add(hash);
    }

    /** Whether the answering filter holds more keys than it was sized for (and none is being built). */
    boolean needsToGrow() {
        Bits now = ready;
        return growing == null && now != null && (now.full() || growSoon);
    }

    /** Makes {@link #needsToGrow} true once the filter answers, as if it were full (for tests). */
    void growAtNextAdd() {
        growSoon = true;
    }

    boolean isReady() {
        return ready != null;
    }

    boolean isGrowing() {
        return growing != null;
    }

    /** The answering bits' capacity; 0 before any answer. */
    long capacity() {
        Bits bits = ready;
        return bits == null ? 0 : bits.capacity();
    }

    /**
     * Starts a new filter for {@code keys} keys (at least twice the current one's capacity): from now on
     * it learns every added key. One caller at a time, with no add running; then {@link #fill} it.
     */
    Bits grow(long keys) {
        Bits now = ready;
        long capacity = now == null ? keys : Math.max(keys, now.capacity() * 2);
        Bits next = new Bits(capacity + capacity / 2);
        growing = next;
        growSoon = false;
        return next;
    }

    /** Adds one stored key to the bits being built. */
    static void fill(Bits bits, String conversationId, String senderId, String clientKey) {
        bits.add(hash(conversationId, senderId, clientKey));
    }

    /** The bits being built hold every stored key: they answer from now on. */
    void filled(Bits bits) {
        if (growing != bits) return;
        ready = bits;
        growing = null;
    }

    /** Filling failed (the database closed, say): the filter answers as before, and may be grown again. */
    void abandon(Bits bits) {
        if (growing == bits) growing = null;
    }

    static long hash(RetryKey key) {
        return hash(key.conversationId().value(), key.senderId(), key.clientKey());
    }

    /** FNV-1a over the three strings' characters and lengths, then MurmurHash3's 64-bit finalizer. */
    static long hash(String conversationId, String senderId, String clientKey) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, conversationId);
        h = mix(h, senderId);
        h = mix(h, clientKey);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ s.length()) * 0x100000001b3L; // the length too: "ab" + "c" hashes apart from "a" + "bc"
    }
}
