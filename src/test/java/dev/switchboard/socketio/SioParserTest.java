package dev.switchboard.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SioParserTest {
    private final SioParser parser = new SioParser(Json.newMapper());

    private SioPacket decode(String text) throws SioProtocolException {
        return parser.decode(text);
    }

    @Test
    void decodesConnectToTheMainNamespaceWithoutPayload() throws Exception {
        SioPacket packet = decode("0");

        assertThat(packet.type()).isEqualTo(SioPacket.CONNECT);
        assertThat(packet.nsp()).isEqualTo("/");
        assertThat(packet.ackId()).isEqualTo(-1);
        assertThat(packet.data()).isNull();
        assertThat(packet.attachments()).isZero();
    }

    @Test
    void decodesConnectWithAuthPayload() throws Exception {
        SioPacket packet = decode("0{\"token\":\"123\"}");

        assertThat(packet.nsp()).isEqualTo("/");
        assertThat(packet.data().get("token").asText()).isEqualTo("123");
    }

    @Test
    void decodesANamespaceWithATrailingComma() throws Exception {
        SioPacket packet = decode("0/custom,");

        assertThat(packet.type()).isEqualTo(SioPacket.CONNECT);
        assertThat(packet.nsp()).isEqualTo("/custom");
        assertThat(packet.data()).isNull();
    }

    @Test
    void decodesANamespaceWithoutATrailingComma() throws Exception {
        SioPacket packet = decode("0/custom");

        assertThat(packet.nsp()).isEqualTo("/custom");
        assertThat(packet.data()).isNull();
    }

    @Test
    void decodesANamespaceFollowedByAPayload() throws Exception {
        SioPacket packet = decode("0/custom,{\"token\":\"abc\"}");

        assertThat(packet.nsp()).isEqualTo("/custom");
        assertThat(packet.data().get("token").asText()).isEqualTo("abc");
    }

    @Test
    void decodesDisconnectFromANamespace() throws Exception {
        SioPacket packet = decode("1/custom,");

        assertThat(packet.type()).isEqualTo(SioPacket.DISCONNECT);
        assertThat(packet.nsp()).isEqualTo("/custom");
        assertThat(packet.data()).isNull();
    }

    @Test
    void decodesAnEventWithItsArguments() throws Exception {
        SioPacket packet = decode("2[\"hello\",1,{\"a\":true}]");

        assertThat(packet.type()).isEqualTo(SioPacket.EVENT);
        assertThat(packet.ackId()).isEqualTo(-1);
        assertThat(packet.data().toString()).isEqualTo("[\"hello\",1,{\"a\":true}]");
    }

    @Test
    void decodesAnEventWhoseNameIsANumber() throws Exception {
        assertThat(decode("2[7,\"x\"]").data().get(0).asInt()).isEqualTo(7);
    }

    @Test
    void decodesAnEventWithAnAckIdInANamespace() throws Exception {
        SioPacket packet = decode("2/custom,456[\"message-with-ack\",1]");

        assertThat(packet.nsp()).isEqualTo("/custom");
        assertThat(packet.ackId()).isEqualTo(456);
        assertThat(packet.data().get(0).asText()).isEqualTo("message-with-ack");
    }

    @Test
    void decodesAnAck() throws Exception {
        SioPacket packet = decode("312[\"ok\",2]");

        assertThat(packet.type()).isEqualTo(SioPacket.ACK);
        assertThat(packet.ackId()).isEqualTo(12);
        assertThat(packet.data().toString()).isEqualTo("[\"ok\",2]");
    }

    @Test
    void decodesAConnectError() throws Exception {
        SioPacket packet = decode("4/nope,{\"message\":\"Invalid namespace\"}");

        assertThat(packet.type()).isEqualTo(SioPacket.CONNECT_ERROR);
        assertThat(packet.nsp()).isEqualTo("/nope");
        assertThat(packet.data().get("message").asText()).isEqualTo("Invalid namespace");
    }

    @Test
    void decodesABinaryEventWithItsAttachmentCount() throws Exception {
        SioPacket packet = decode("52-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");

        assertThat(packet.type()).isEqualTo(SioPacket.BINARY_EVENT);
        assertThat(packet.attachments()).isEqualTo(2);
        assertThat(packet.nsp()).isEqualTo("/");
        assertThat(packet.data().get(1).get("num").asInt()).isZero();
    }

    @Test
    void decodesABinaryAckWithNamespaceAndAckId() throws Exception {
        SioPacket packet = decode("61-/custom,789[{\"_placeholder\":true,\"num\":0}]");

        assertThat(packet.type()).isEqualTo(SioPacket.BINARY_ACK);
        assertThat(packet.attachments()).isEqualTo(1);
        assertThat(packet.nsp()).isEqualTo("/custom");
        assertThat(packet.ackId()).isEqualTo(789);
    }

    @Test
    void acceptsTheLargestAllowedAttachmentCount() throws Exception {
        assertThat(decode("51000-[\"x\"]").attachments()).isEqualTo(1000);
    }

    @Test
    void turnsABinaryPacketIntoItsPlainTypeOnceItsDataIsReconstructed() throws Exception {
        SioPacket packet = decode("51-3[\"x\",{\"_placeholder\":true,\"num\":0}]").withData(null);

        assertThat(packet.type()).isEqualTo(SioPacket.EVENT);
        assertThat(packet.attachments()).isZero();
        assertThat(packet.ackId()).isEqualTo(3);
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {
        "", // empty
        "7", "9[\"x\"]", "abc", "-1", " 2[\"x\"]", // unknown packet types
        "2{}", "2\"hello\"", "2[]", "2[{}]", "2[null]", "2/custom,{}", // event payload not a non-empty array
        "2[\"connect\"]", "2[\"connect_error\"]", "2[\"disconnect\"]", "2[\"disconnecting\"]",
        "2[\"newListener\"]", "2[\"removeListener\"]", // reserved event names
        "2abc[\"x\"]", "212abc[\"x\"]", "2/custom,abc[\"x\"]", // non-numeric ack id followed by JSON
        "2[\"x\"]]", "2[\"x\"]abc", "2[\"x\"][\"y\"]", "0{}x", // trailing garbage
        "2[\"x\"", "0{\"a\":", // truncated JSON
        "1{}", "1[]", "1/custom,\"bye\"", // disconnect with payload
        "0[]", "0[\"x\"]", "0\"token\"", "0/custom,[1]", // connect with a non-object payload
        "3{}", "3\"ok\"", // ack payload not an array
        "4true", // connect error payload neither object nor string
        "5[\"x\"]", "5-[\"x\"]", "5a-[\"x\"]", "51001-[\"x\"]", "599999-[\"x\"]", "5123456789-[\"x\"]",
        "61x-[1]", // absurd or missing attachment counts
        "51-{}", "51-[\"disconnect\",{\"_placeholder\":true,\"num\":0}]", // binary event payload checks
    })
    void refusesMalformedPackets(String text) {
        assertThatThrownBy(() -> decode(text)).isInstanceOf(SioProtocolException.class);
    }

    @Test
    void readsAtMostEighteenDigitsAsAnAckIdAndRefusesTheRest() {
        // 19 digits: an id that long cannot be a long, and the parser must not overflow into a wrong id
        assertThatThrownBy(() -> decode("21234567890123456789[\"x\"]")).isInstanceOf(SioProtocolException.class);
    }

    @Test
    void keepsDuplicateKeysOutOfPayloads() {
        assertThatThrownBy(() -> decode("0{\"token\":\"a\",\"token\":\"b\"}")).isInstanceOf(SioProtocolException.class);
    }
}
