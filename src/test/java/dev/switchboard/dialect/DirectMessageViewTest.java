package dev.switchboard.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Seed 004's message shape, written by its own serializer exactly as the generic bean serializer wrote it. */
class DirectMessageViewTest {
    private static final ObjectMapper MAPPER = Json.newMapper();
    // the writer Socket.IO packets are encoded with (SioEncoder)
    private static final ObjectWriter PACKETS = MAPPER.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    // the same configuration without annotations: the record written as a bean, as before its serializer
    private static final ObjectWriter AS_BEAN = ((JsonMapper) MAPPER.copy()).rebuild()
            .disable(MapperFeature.USE_ANNOTATIONS).build()
            .writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    @Test
    void writesTheSameBytesAsTheBeanSerializerForEveryKindOfText() throws Exception {
        String[] texts = {"hello", "", "quote \" backslash \\ slash / tab \t newline \n nul \u0000 del \u007f",
            "é ü 中文 \u2028 \u2029", "emoji 😀 outside the BMP", "lone surrogate \ud800 end", "<script>&amp;</script>"};
        Instant[] times = {Instant.parse("2026-12-05T23:43:39Z"), Instant.parse("2026-12-05T23:43:39.120Z"),
            Instant.parse("2026-12-05T23:43:39.123456789Z"), Instant.EPOCH};
        int checked = 0;
        for (String text : texts) {
            for (Instant at : times) {
                for (String clientKey : new String[] {null, "key-1", "kéy \"2\""}) {
                    DirectMessageView view = new DirectMessageView("01JEXAMPLE", "01JEXAMPLE", "conv-1", 42, "alice", "bob",
                            text, clientKey, at);
                    Object[] packet = {"receive-message", view};
                    assertThat(new String(PACKETS.writeValueAsBytes(packet), StandardCharsets.UTF_8))
                            .as("text %s at %s, key %s", text, at, clientKey)
                            .isEqualTo(new String(AS_BEAN.writeValueAsBytes(packet), StandardCharsets.UTF_8));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(84);
    }

    @Test
    void leavesOutWhatIsNullAndKeepsTheComponentsInOrder() throws Exception {
        DirectMessageView view = new DirectMessageView("m1", "m1", "c1", 7, "alice", "bob", "hi", null,
                Instant.parse("2026-12-05T10:00:00.5Z"));
        assertThat(MAPPER.writeValueAsString(view)).isEqualTo("{\"_id\":\"m1\",\"id\":\"m1\",\"conversationId\":\"c1\","
                + "\"seq\":7,\"senderId\":\"alice\",\"receiverId\":\"bob\",\"message\":\"hi\","
                + "\"createdAt\":\"2026-12-05T10:00:00.500Z\"}");
    }
}
