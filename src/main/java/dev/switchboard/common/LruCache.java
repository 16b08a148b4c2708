package dev.switchboard.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A map of at most {@code maxEntries} entries that forgets the least recently used one first; safe
 * for concurrent use. Meant for facts that never change once stored (a conversation's participants),
 * so nothing here expires by time. The lock is held only for a map operation, never across I/O.
 */
public final class LruCache<K, V> {
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<K, V> entries;

    public LruCache(int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be >= 1");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The cached value, or null. */
    public V get(K key) {
        lock.lock();
        try {
            return entries.get(key);
        } finally {
            lock.unlock();
        }
    }

    public void put(K key, V value) {
        lock.lock();
        try {
            entries.put(key, value);
        } finally {
            lock.unlock();
        }
    }

    public void remove(K key) {
        lock.lock();
        try {
            entries.remove(key);
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
