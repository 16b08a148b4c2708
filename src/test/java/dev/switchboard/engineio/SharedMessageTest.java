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
    void everySessionGetsTheSameBytesNotACopy() {
        SharedMessage message = new SharedMessage("2[\"x\"]");

        assertThat(message.utf8()).isSameAs(message.utf8());
    }
}
