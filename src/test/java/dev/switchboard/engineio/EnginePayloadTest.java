package dev.switchboard.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnginePayloadTest {
    private static final String SEP = "\u001e";

    /** Records what the decoder delivers: "text:<type><data>" or "binary:<bytes>". */
    private static final class Recorder implements EnginePayload.Sink {
        final List<String> packets = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public boolean text(char type, String data) {
            packets.add("text:" + type + data);
            return packets.size() < stopAfter;
        }

        @Override
        public boolean binary(byte[] data) {
            packets.add("binary:" + java.util.Arrays.toString(data));
            return packets.size() < stopAfter;
        }
    }

    @Test
    void decodesASingleTextPacket() {
        Recorder sink = new Recorder();

        assertThat(EnginePayload.decode("4hello", sink)).isTrue();
        assertThat(sink.packets).containsExactly("text:4hello");
    }

    @Test
    void decodesSeveralPacketsInOrder() {
        Recorder sink = new Recorder();

        assertThat(EnginePayload.decode("4hello" + SEP + "3" + SEP + "4€ and ☃" + SEP + "6", sink)).isTrue();
        assertThat(sink.packets).containsExactly("text:4hello", "text:3", "text:4€ and ☃", "text:6");
    }

    @Test
    void decodesABinaryPacketFromBase64() {
        Recorder sink = new Recorder();

        assertThat(EnginePayload.decode("4a" + SEP + "bAQIDBA==" + SEP + "b", sink)).isTrue();
        assertThat(sink.packets).containsExactly("text:4a", "binary:[1, 2, 3, 4]", "binary:[]");
    }

    @Test
    void skipsLineBreaksInBase64AsTheJavaClientSendsThem() {
        Recorder sink = new Recorder();

        assertThat(EnginePayload.decode("byv4=\n" + SEP + "bAQID\r\nBA==\n" + SEP + "4after", sink)).isTrue();
        assertThat(sink.packets).containsExactly("binary:[-54, -2]", "binary:[1, 2, 3, 4]", "text:4after");
    }

    @Test
    void decodesAMessageWithAnEmptyBody() {
        Recorder sink = new Recorder();

        assertThat(EnginePayload.decode("4", sink)).isTrue();
        assertThat(sink.packets).containsExactly("text:4");
    }

    @Test
    void stopsWhenTheSinkAsksTo() {
        Recorder sink = new Recorder();
        sink.stopAfter = 1;

        assertThat(EnginePayload.decode("1" + SEP + "4late", sink)).isTrue();
        assertThat(sink.packets).containsExactly("text:1");
    }

    @ParameterizedTest(name = "refuses [{0}]")
    @ValueSource(strings = {
        "", SEP, "4a" + SEP, SEP + "4a", "4a" + SEP + SEP + "4b", // empty packets
        "abc", "0{}", "7", "9x", "4a" + SEP + "x", // unknown packet types (0 is server-only)
        "b!!!", "bAQ=x", "bAQ-D", "4a" + SEP + "b%%%", // bad base64
    })
    void refusesMalformedPayloads(String payload) {
        assertThat(EnginePayload.decode(payload, new Recorder())).isFalse();
    }

    @Test
    void deliversThePacketsBeforeAMalformedOne() {
        Recorder sink = new Recorder();

        assertThat(EnginePayload.decode("4first" + SEP + "b***" + SEP + "4never", sink)).isFalse();
        assertThat(sink.packets).containsExactly("text:4first");
    }

    @Test
    void encodesTextAndBinaryPacketsJoinedBySeparators() {
        ByteBuf out = EnginePayload.encode(UnpooledByteBufAllocator.DEFAULT,
                List.of("4héllo", new byte[] {1, 2, 3, 4}, "2", new byte[0]));
        try {
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("4héllo" + SEP + "bAQIDBA==" + SEP + "2" + SEP + "b");
        } finally {
            out.release();
        }
    }

    @Test
    void roundTripsWhatItEncodes() {
        ByteBuf out = EnginePayload.encode(UnpooledByteBufAllocator.DEFAULT, List.of("4one", new byte[] {(byte) 0xff}, "4two"));
        Recorder sink = new Recorder();
        try {
            assertThat(EnginePayload.decode(out.toString(StandardCharsets.UTF_8), sink)).isTrue();
        } finally {
            out.release();
        }
        assertThat(sink.packets).containsExactly("text:4one", "binary:[-1]", "text:4two");
    }
}
