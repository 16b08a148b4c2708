package dev.switchboard.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wire strings as the encoder writes them; the Engine.IO message prefix {@code 4} is added by the session. */
class SioEncoderTest {
    private final ObjectMapper json = Json.newMapper();
    private final SioEncoder encoder = new SioEncoder(json);

    private ArrayNode array(Object... values) {
        ArrayNode out = json.createArrayNode();
        for (Object value : values) out.add(json.<JsonNode>valueToTree(value));
        return out;
    }

    @Test
    void encodesAConnectReplyOnTheMainNamespace() {
        SioEncoder.Encoded encoded = encoder.encode(SioPacket.CONNECT, "/", -1, json.createObjectNode().put("sid", "abc"));

        assertThat(encoded.text()).isEqualTo("0{\"sid\":\"abc\"}");
        assertThat(encoded.attachments()).isEmpty();
    }

    @Test
    void prefixesOtherNamespacesFollowedByAComma() {
        SioEncoder.Encoded encoded = encoder.encode(SioPacket.CONNECT, "/custom", -1, json.createObjectNode().put("sid", "x"));

        assertThat(encoded.text()).isEqualTo("0/custom,{\"sid\":\"x\"}");
    }

    @Test
    void encodesAnEventInACustomNamespace() {
        ArrayNode data = array("auth", Map.of("token", "abc"));

        assertThat(encoder.encode(SioPacket.EVENT, "/custom", -1, data).text())
                .isEqualTo("2/custom,[\"auth\",{\"token\":\"abc\"}]");
    }

    @Test
    void encodesAnEventWithAnAckIdBeforeThePayload() {
        assertThat(encoder.encode(SioPacket.EVENT, "/", 12, array("ping", 1)).text()).isEqualTo("212[\"ping\",1]");
        assertThat(encoder.encode(SioPacket.EVENT, "/custom", 0, array("ping")).text()).isEqualTo("2/custom,0[\"ping\"]");
    }

    @Test
    void encodesAnAck() {
        assertThat(encoder.encode(SioPacket.ACK, "/", 456, array(1, "2", Map.of("3", true))).text())
                .isEqualTo("3456[1,\"2\",{\"3\":true}]");
    }

    @Test
    void encodesADisconnectWithoutPayload() {
        assertThat(encoder.encode(SioPacket.DISCONNECT, "/", -1, null).text()).isEqualTo("1");
        assertThat(encoder.encode(SioPacket.DISCONNECT, "/custom", -1, null).text()).isEqualTo("1/custom,");
    }

    @Test
    void encodesAConnectError() {
        ObjectNode error = json.createObjectNode().put("message", "Invalid namespace");

        assertThat(encoder.encode(SioPacket.CONNECT_ERROR, "/nope", -1, error).text())
                .isEqualTo("4/nope,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void turnsAnEventWithBinaryIntoABinaryEventWithPlaceholders() {
        ArrayNode data = json.createArrayNode().add("message-back").add(new byte[] {1, 2, 3}).add("text");

        SioEncoder.Encoded encoded = encoder.encode(SioPacket.EVENT, "/", -1, data);

        assertThat(encoded.text()).isEqualTo("51-[\"message-back\",{\"_placeholder\":true,\"num\":0},\"text\"]");
        assertThat(encoded.attachments()).containsExactly(new byte[] {1, 2, 3});
    }

    @Test
    void numbersNestedBinariesInDocumentOrder() {
        ObjectNode inner = json.createObjectNode();
        inner.put("a", new byte[] {0});
        inner.putArray("b").add(new byte[] {1}).add(json.createObjectNode().put("c", new byte[] {2}));
        ArrayNode data = json.createArrayNode().add("nested").add(inner).add(new byte[] {3});

        SioEncoder.Encoded encoded = encoder.encode(SioPacket.EVENT, "/custom", 7, data);

        assertThat(encoded.text()).isEqualTo("54-/custom,7[\"nested\",{"
                + "\"a\":{\"_placeholder\":true,\"num\":0},"
                + "\"b\":[{\"_placeholder\":true,\"num\":1},{\"c\":{\"_placeholder\":true,\"num\":2}}]},"
                + "{\"_placeholder\":true,\"num\":3}]");
        assertThat(encoded.attachments()).containsExactly(new byte[] {0}, new byte[] {1}, new byte[] {2}, new byte[] {3});
    }

    @Test
    void turnsAnAckWithBinaryIntoABinaryAckWithItsPrefixes() {
        ArrayNode data = json.createArrayNode().add(new byte[] {9, 9}).add(new byte[] {8});

        SioEncoder.Encoded encoded = encoder.encode(SioPacket.ACK, "/", 789, data);

        assertThat(encoded.text()).isEqualTo("62-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        assertThat(encoded.attachments()).containsExactly(new byte[] {9, 9}, new byte[] {8});
    }

    @Test
    void leavesTheCallersDataUntouchedWhenReplacingBinaries() {
        ArrayNode data = json.createArrayNode().add("x").add(new byte[] {5});

        encoder.encode(SioPacket.EVENT, "/", -1, data);

        assertThat(data.get(1).isBinary()).isTrue();
    }

    @Test
    void roundTripsThroughTheParser() throws Exception {
        ArrayNode data = array("message", "é ☃ \"quoted\"", 3.5, Map.of("k", List.of(1, 2)));
        String text = encoder.encode(SioPacket.EVENT, "/custom", 42, data).text();

        SioPacket decoded = new SioParser(json).decode(text);

        assertThat(decoded.nsp()).isEqualTo("/custom");
        assertThat(decoded.ackId()).isEqualTo(42);
        assertThat(decoded.data()).isEqualTo(data);
    }
}
