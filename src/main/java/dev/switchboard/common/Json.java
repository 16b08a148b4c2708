package dev.switchboard.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The one JSON configuration of the process: ISO-8601 timestamps, strict parsing, no nulls for absent
 * fields. Jackson's read and write buffers stay with their thread on platform threads (the event
 * loops) and come from one pool shared by the virtual threads, which each start empty: with Jackson's
 * default, every encode on a virtual thread allocated ~12 KB of fresh buffers (docs/performance.md,
 * step 13; {@link JsonBufferPool}, step 24). Properties are read and
 * set through lambdas Blackbird generates instead of reflection (decision 0010).
 */
public final class Json {
    private Json() {}

    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder().recyclerPool(new JsonBufferPool()).build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(new BlackbirdModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }
}
