package dev.switchboard.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void buffersReleasedOnOneVirtualThreadAreReusedOnTheNext() throws Exception {
        ObjectMapper json = Json.newMapper();
        BufferRecycler first;
        BufferRecycler second;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            first = borrowAndRelease(threads.submit(() -> json.getFactory()._getRecyclerPool().acquireAndLinkPooled()));
            second = borrowAndRelease(threads.submit(() -> json.getFactory()._getRecyclerPool().acquireAndLinkPooled()));
        }
        assertThat(second).as("the second thread got the first one's buffers back").isSameAs(first);
    }

    @Test
    void theSharedPoolStillWritesAndReadsConcurrently() throws Exception {
        ObjectMapper json = Json.newMapper();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new java.util.ArrayList<Future<Boolean>>();
            for (int t = 0; t < 64; t++) {
                int n = t;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String text = json.writeValueAsString(Map.of("thread", n, "i", i, "text", "x".repeat(n * 50)));
                        Map<?, ?> back = json.readValue(text, Map.class);
                        if (!back.get("i").equals(i) || ((String) back.get("text")).length() != n * 50) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
        }
    }

    private static BufferRecycler borrowAndRelease(Future<BufferRecycler> borrowed) throws Exception {
        BufferRecycler recycler = borrowed.get();
        recycler.releaseToPool();
        return recycler;
    }
}
