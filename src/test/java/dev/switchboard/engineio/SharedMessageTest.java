package dev.switchboard.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedMessageTest {
    @Test
    void theFrameBytesAreTheEngineIoMessagePacketInUtf8() {
        SharedMessage message = new SharedMessage("2[\"chat:new_message\",{\"text\":\"grüße ✓ 😀\"}]");

        assertThat(message.packet()).isEqualTo("42[\"chat:new_message\",{\"text\":\"grüße ✓ 😀\"}]");
        assertThat(new String(message.utf8(), StandardCharsets.UTF_8)).isEqualTo(message.packet());
    }

    @Test
    void aMessageMadeFromPacketBytesKeepsThemAndDecodesItsTextOnlyWhenAsked() {
        byte[] packet = "42[\"x\",\"ünï\"]".getBytes(StandardCharsets.UTF_8);

        SharedMessage message = SharedMessage.ofPacketUtf8(packet);

        assertThat(message.utf8()).isSameAs(packet);
        assertThat(message.packet()).isEqualTo("42[\"x\",\"ünï\"]");
        assertThat(message.text()).isEqualTo("2[\"x\",\"ünï\"]");
    }

    @Test
    void everySessionGetsTheSameBytesNotACopy() {
        SharedMessage message = new SharedMessage("2[\"x\"]");

        assertThat(message.utf8()).isSameAs(message.utf8());
    }
}
