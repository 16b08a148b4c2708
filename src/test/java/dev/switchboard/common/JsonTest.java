package dev.switchboard.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.time.Instant;
import java.util.List;
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

    public record PublicView(String id, long seq, boolean ok, Instant at, List<String> tags, Object data) {}

    private record PrivateView(String id, int count, PublicView inner) {}

    @Test
    void recordsOfEveryVisibilityAreWrittenAndReadThroughBlackbirdAsThroughReflection() throws Exception {
        ObjectMapper json = Json.newMapper();
        ObjectMapper reflective = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL).build();
        var inner = new PublicView("m-1", 42, true, Instant.parse("2026-12-03T10:15:30.123Z"), List.of("a", "b"), null);
        var outer = new PrivateView("p-1", 7, inner);

        assertThat(json.getRegisteredModuleIds()).contains(new BlackbirdModule().getTypeId());
        assertThat(json.writeValueAsString(outer)).isEqualTo(reflective.writeValueAsString(outer))
                .isEqualTo("{\"id\":\"p-1\",\"count\":7,\"inner\":{\"id\":\"m-1\",\"seq\":42,\"ok\":true,"
                        + "\"at\":\"2026-12-03T10:15:30.123Z\",\"tags\":[\"a\",\"b\"]}}");
        assertThat(json.readValue(json.writeValueAsString(outer), PrivateView.class)).isEqualTo(outer);
    }

    private static BufferRecycler borrowAndRelease(Future<BufferRecycler> borrowed) throws Exception {
        BufferRecycler recycler = borrowed.get();
        recycler.releaseToPool();
        return recycler;
    }
}
