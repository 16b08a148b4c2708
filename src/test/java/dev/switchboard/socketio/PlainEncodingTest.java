package dev.switchboard.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchboard.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Emitted values without binaries are written straight to JSON, giving the text the tree path gives. */
class PlainEncodingTest {
    private final ObjectMapper json = Json.newMapper();
    private final SioEncoder encoder = new SioEncoder(json);

    public record Item(String id, long seq, Instant at, String absent, List<String> tags, Kind kind) {}

    public record Envelope(boolean ok, Object data, Item item) {}

    public enum Kind { TEXT }

    private record Hidden(String id) {}

    public record WithBytes(String id, byte[] bytes) {}

    @Test
    void recordsListsMapsAndTimesAreWrittenAsTheTreeWouldWriteThem() {
        Item item = new Item("m-1", 7, Instant.parse("2026-11-22T06:40:00.123456Z"), null, List.of("a", "b"), Kind.TEXT);
        Object[] values = {"chat:new_message", item, new Envelope(true, Map.of("n", 1), item), 3, null, "é\"\\\n"};

        assertThat(PlainValues.all(values)).isTrue();
        assertThat(encoder.encodePlain(SioPacket.EVENT, "/", 5, values).text())
                .isEqualTo(encoder.encode(SioPacket.EVENT, "/", 5, tree(values)).text());
        assertThat(encoder.encodePlain(SioPacket.ACK, "/custom", 9, values).attachments()).isEmpty();
    }

    @Test
    void theFrameBytesAreWrittenDirectlyAndAreTheUtf8OfTheTreePathsPacket() {
        Object[] values = {"receive-message", Map.of("message", "grüße ✓ 😀 \u0000 <b>", "n", 42)};

        SioEncoder.Encoded plain = encoder.encodePlain(SioPacket.EVENT, "/chat", 17, values);
        String treeText = encoder.encode(SioPacket.EVENT, "/chat", 17, tree(values)).text();

        assertThat(plain.shared().content().toString(StandardCharsets.UTF_8)).isEqualTo("4" + treeText);
        assertThat(plain.text()).isEqualTo(treeText);
        assertThat(plain.shared().content().array()).as("the encoder's buffer handed over, not copied to size")
                .hasSizeGreaterThan(plain.shared().content().readableBytes());
    }

    @Test
    void aPacketLongerThanTheEncodersFirstBufferIsWrittenWhole() {
        String text = "ü".repeat(400) + "✓".repeat(300); // 800 + 900 bytes of UTF-8, past the first 512-byte block
        Object[] values = {"receive-message", Map.of("message", text)};

        SioEncoder.Encoded plain = encoder.encodePlain(SioPacket.EVENT, "/", -1, values);
        String treeText = encoder.encode(SioPacket.EVENT, "/", -1, tree(values)).text();

        assertThat(plain.shared().content().toString(StandardCharsets.UTF_8)).isEqualTo("4" + treeText);
        assertThat(plain.text()).isEqualTo(treeText);
    }

    @Test
    void aLoneSurrogateWhichHasNoUtf8IsWrittenAsItsEscapeAndReadsBackAsItWas() throws Exception {
        Object[] values = {"receive-message", "broken \ud800 pair"};

        SioEncoder.Encoded plain = encoder.encodePlain(SioPacket.ACK, "/", 3, values);

        assertThat(plain.text()).isEqualTo("33[\"receive-message\",\"broken \\uD800 pair\"]");
        assertThat(json.readTree(plain.text().substring(2)).get(1).asText()).isEqualTo("broken \ud800 pair");
    }

    public record Flat(String id, long seq, Instant at, Kind kind, Integer count, Flat.Inner inner) {
        public record Inner(String name, boolean ok) {}
    }

    public record Chain(String id, Chain next) {}

    @Test
    void recordsMadeOfPlainTypesOnlyArePlainByTheirTypeAndOthersByTheirValues() {
        assertThat(PlainValues.plainByType(Flat.class)).isTrue();
        assertThat(PlainValues.plainByType(Item.class)).as("a list's elements are not known by type").isFalse();
        assertThat(PlainValues.plainByType(Envelope.class)).isFalse();
        assertThat(PlainValues.plainByType(WithBytes.class)).isFalse();
        assertThat(PlainValues.plainByType(Hidden.class)).isFalse();
        assertThat(PlainValues.plainByType(Chain.class)).as("a record naming itself").isFalse();

        Object[] values = {new Flat("f", 2, Instant.parse("2026-12-03T08:00:00Z"), Kind.TEXT, null, new Flat.Inner("n", true)),
            new Chain("a", new Chain("b", null))};
        assertThat(PlainValues.all(values)).isTrue();
        assertThat(encoder.encodePlain(SioPacket.EVENT, "/", 1, values).text())
                .isEqualTo(encoder.encode(SioPacket.EVENT, "/", 1, tree(values)).text());
    }

    @Test
    void binariesTreesAndObjectsItCannotLookIntoTakeTheTreePath() {
        assertThat(PlainValues.all(new Object[] {new byte[] {1}})).isFalse();
        assertThat(PlainValues.all(new Object[] {new WithBytes("x", new byte[] {1})})).isFalse();
        assertThat(PlainValues.all(new Object[] {new Envelope(true, new byte[] {1}, null)})).isFalse();
        assertThat(PlainValues.all(new Object[] {List.of(Map.of("k", new byte[] {1}))})).isFalse();
        assertThat(PlainValues.all(new Object[] {json.createObjectNode()})).isFalse();
        assertThat(PlainValues.all(new Object[] {new Hidden("x")})).isFalse();
        assertThat(PlainValues.all(new Object[] {new Object()})).isFalse();
    }

    @Test
    void aNamespaceSendsPlainValuesAsTextAndBinariesAsAttachments() {
        Namespace namespace = new SocketIoServer(json, 1_000).namespace("/");
        Item item = new Item("m-1", 7, null, null, List.of(), Kind.TEXT);

        assertThat(namespace.encodeEvent("e", new Object[] {item}, -1).text())
                .isEqualTo("2[\"e\",{\"id\":\"m-1\",\"seq\":7,\"tags\":[],\"kind\":\"TEXT\"}]");
        SioEncoder.Encoded binary = namespace.encodeEvent("e", new Object[] {new WithBytes("x", new byte[] {1, 2})}, -1);
        assertThat(binary.text()).isEqualTo("51-[\"e\",{\"id\":\"x\",\"bytes\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(binary.attachments()).containsExactly(new byte[] {1, 2});
        assertThat(namespace.encodeAck(4, new Object[] {new Envelope(false, null, null)}).text())
                .isEqualTo("34[{\"ok\":false}]");
    }

    private ArrayNode tree(Object[] values) {
        ArrayNode out = json.createArrayNode();
        for (Object value : values) out.add(json.<JsonNode>valueToTree(value));
        return out;
    }
}
