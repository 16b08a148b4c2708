package dev.switchboard.common;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Where Jackson's read and write buffers come from: a platform thread (an event loop, where most
 * events are read and answered) keeps its own, as Jackson's default pool does; virtual threads, which
 * each start empty, share the buffers of a pool that hands out the most recently returned first,
 * whose memory is still in the cache. Jackson's shared pools hand out the least recently returned:
 * after a connection ramp had filled one with many buffers, an event loop wrote every packet into
 * memory it had not touched for the longest time, and writing a field name's few bytes was half of
 * encoding (docs/performance.md, step 24). A buffer returned by a virtual thread goes back to the
 * shared pool; those of platform threads are never returned (they stay with their thread).
 */
final class JsonBufferPool implements RecyclerPool<BufferRecycler> {
    private static final long serialVersionUID = 1L;
    private static final RecyclerPool<BufferRecycler> PER_THREAD = JsonRecyclerPools.threadLocalPool();

    private final transient Deque<BufferRecycler> shared = new ConcurrentLinkedDeque<>();

    @Override
    public BufferRecycler acquireAndLinkPooled() {
        if (!Thread.currentThread().isVirtual()) return PER_THREAD.acquirePooled();
        return fromShared().withPool(this);
    }

    @Override
    public BufferRecycler acquirePooled() {
        return Thread.currentThread().isVirtual() ? fromShared() : PER_THREAD.acquirePooled();
    }

    /** Only buffers linked to this pool come back: those handed to virtual threads. */
    @Override
    public void releasePooled(BufferRecycler recycler) {
        shared.offerFirst(recycler);
    }

    @Override
    public int pooledCount() {
        return shared.size();
    }

    @Override
    public boolean clear() {
        shared.clear();
        return true;
    }

    private BufferRecycler fromShared() {
        BufferRecycler recycler = shared.pollFirst();
        return recycler != null ? recycler : new BufferRecycler();
    }
}
