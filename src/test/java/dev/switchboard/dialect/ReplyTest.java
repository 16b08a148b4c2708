package dev.switchboard.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Json;
import dev.switchboard.common.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every acknowledgement, written by its own serializer exactly as the generic bean serializer wrote it. */
class ReplyTest {
    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final ObjectWriter PACKETS = MAPPER.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    // the same mapper with Reply's own serializer taken away by a mix-in: the record written as a bean
    private static final ObjectWriter AS_BEAN = MAPPER.copy().addMixIn(Reply.class, AsBean.class).writer()
            .with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    @JsonSerialize(using = JsonSerializer.None.class)
    private abstract static class AsBean {}

    private record Page(String id, String note, List<String> tags, Instant at) {}

    @Test
    void writesTheSameBytesAsTheBeanSerializerForEveryShapeOfData() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("present", 1);
        map.put("absent", null);
        map.put("nested", List.of(new Page("p", null, List.of("a"), Instant.EPOCH)));
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("x", "ü 😀").putNull("nothing");
        Object[] data = {null, "text \" \\ \u0000", 42, 4.5, true, Instant.parse("2026-12-06T00:00:00.123Z"), ErrorCode.FORBIDDEN,
            new Page("p1", null, List.of(), null), new Page("p2", "n", List.of("x", "y"), Instant.EPOCH), map, tree,
            Arrays.asList("a", null, "b"), List.of(), new DirectMessageView("m", "m", "c", 1, "a", "b", "hi", null, Instant.EPOCH)};
        for (Object value : data) {
            Object[] ack = {Reply.ok(value)};
            assertThat(written(PACKETS, ack)).as("data %s", value).isEqualTo(written(AS_BEAN, ack));
        }
        Object[] failed = {Reply.failed(Reply.Error.of(new SwitchboardException(ErrorCode.NOT_PARTICIPANT, "not yours"), "x"))};
        assertThat(written(PACKETS, failed)).isEqualTo(written(AS_BEAN, failed));
        assertThat(written(PACKETS, new Object[] {Reply.failed(Reply.Error.internal("x"))}))
                .isEqualTo(written(AS_BEAN, new Object[] {Reply.failed(Reply.Error.internal("x"))}));
    }

    @Test
    void leavesOutDataWhenNullAndKeepsOkFirst() throws Exception {
        assertThat(MAPPER.writeValueAsString(Reply.ok(null))).isEqualTo("{\"ok\":true}");
        assertThat(MAPPER.writeValueAsString(Reply.ok(List.of(1)))).isEqualTo("{\"ok\":true,\"data\":[1]}");
    }

    private static String written(ObjectWriter writer, Object[] packet) throws Exception {
        return new String(writer.writeValueAsBytes(packet), StandardCharsets.UTF_8);
    }
}
