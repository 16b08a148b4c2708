package dev.switchboard.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedMessageTest {
    @Test
    void theFrameBytesAreTheEngineIoMessagePacketInUtf8() {
        SharedMessage message = new SharedMessage("2[\"chat:new_message\",{\"text\":\"grüße ✓ 😀\"}]");

        assertThat(message.packet()).isEqualTo("42[\"chat:new_message\",{\"text\":\"grüße ✓ 😀\"}]");
        assertThat(message.content().toString(StandardCharsets.UTF_8)).isEqualTo(message.packet());
    }

    @Test
    void aMessageMadeFromPacketBytesKeepsThemAndDecodesItsTextOnlyWhenAsked() {
        byte[] packet = "42[\"x\",\"ünï\"]".getBytes(StandardCharsets.UTF_8);

        SharedMessage message = SharedMessage.ofPacketUtf8(packet);

        assertThat(message.content().array()).isSameAs(packet);
        assertThat(message.packet()).isEqualTo("42[\"x\",\"ünï\"]");
        assertThat(message.text()).isEqualTo("2[\"x\",\"ünï\"]");
    }

    @Test
    void everySessionGetsTheSameBytesNotACopy() {
        SharedMessage message = new SharedMessage("2[\"x\"]");

        assertThat(message.content().array()).isSameAs(message.content().array());
    }

    @Test
    void aMessageHandedTheFirstBytesOfABufferFramesAndDecodesThoseBytesOnly() {
        byte[] buffer = new byte[64];
        byte[] packet = "42[\"x\",\"ünï\"]".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(packet, 0, buffer, 0, packet.length);
        buffer[packet.length] = 'Z'; // what lies past the packet is never read

        SharedMessage message = SharedMessage.ofPacketUtf8(buffer, packet.length);

        assertThat(message.content().array()).isSameAs(buffer);
        assertThat(message.content().toString(StandardCharsets.UTF_8)).isEqualTo("42[\"x\",\"ünï\"]");
        assertThat(message.packet()).isEqualTo("42[\"x\",\"ünï\"]");
        assertThat(message.text()).isEqualTo("2[\"x\",\"ünï\"]");
    }

    @Test
    void bytesThatAreNotAMessagePacketAreRefused() {
        byte[] open = "0{}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SharedMessage.ofPacketUtf8(open)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SharedMessage.ofPacketUtf8(new byte[4], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SharedMessage.ofPacketUtf8("42".getBytes(StandardCharsets.UTF_8), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
