package dev.switchboard.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Jackson's buffers: kept by a platform thread, shared among virtual threads newest first. */
class JsonBufferPoolTest {
    @Test
    void virtualThreadsGetTheBuffersReturnedLastFirst() throws Exception {
        JsonBufferPool pool = new JsonBufferPool();
        BufferRecycler[] taken = onVirtualThread(() -> new BufferRecycler[] {pool.acquireAndLinkPooled(), pool.acquireAndLinkPooled()});
        assertThat(taken[0]).isNotSameAs(taken[1]);
        onVirtualThread(() -> {
            taken[0].releaseToPool();
            taken[1].releaseToPool();
            return null;
        });
        assertThat(pool.pooledCount()).isEqualTo(2);

        BufferRecycler next = onVirtualThread(pool::acquireAndLinkPooled);
        assertThat(next).as("the one returned last").isSameAs(taken[1]);
        assertThat(pool.pooledCount()).isEqualTo(1);
        onVirtualThread(() -> {
            next.releaseToPool();
            return null;
        });
        assertThat(pool.pooledCount()).isEqualTo(2);
    }

    @Test
    void aPlatformThreadKeepsItsOwnBuffersOutOfTheSharedPool() throws Exception {
        JsonBufferPool pool = new JsonBufferPool();
        AtomicReference<BufferRecycler> first = new AtomicReference<>();
        AtomicReference<BufferRecycler> second = new AtomicReference<>();
        Thread platform = Thread.ofPlatform().start(() -> {
            BufferRecycler recycler = pool.acquireAndLinkPooled();
            recycler.releaseToPool(); // not linked: stays with the thread
            first.set(recycler);
            second.set(pool.acquireAndLinkPooled());
        });
        platform.join();
        assertThat(second.get()).as("the thread's own, again").isSameAs(first.get());
        assertThat(pool.pooledCount()).isZero();

        BufferRecycler virtual = onVirtualThread(pool::acquireAndLinkPooled);
        assertThat(virtual).as("a virtual thread never gets a platform thread's").isNotSameAs(first.get());
    }

    private static <T> T onVirtualThread(java.util.concurrent.Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }).join();
        if (failure.get() != null) throw failure.get();
        return result.get();
    }
}
