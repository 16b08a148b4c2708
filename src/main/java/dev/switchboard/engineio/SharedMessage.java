package dev.switchboard.engineio;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message packet, possibly for many sessions (a broadcast): the Engine.IO packet and its UTF-8
 * bytes are made once, at the first session that needs them, and every WebSocket frame wraps the
 * same bytes instead of encoding the text again. Thread-safe (a race makes the same value twice).
 */
public final class SharedMessage {
    private final String text;
    private volatile String packet;
    private volatile byte[] utf8;

    /** @param text the message, without the Engine.IO type ({@code 4}) */
    public SharedMessage(String text) {
        this.text = Objects.requireNonNull(text);
    }

    /** The Engine.IO packet: {@code 4} and the message. */
    String packet() {
        String p = packet;
        if (p == null) packet = p = "4" + text;
        return p;
    }

    /** The packet as UTF-8, the payload of a WebSocket text frame; shared, never to be changed. */
    byte[] utf8() {
        byte[] b = utf8;
        if (b == null) utf8 = b = packet().getBytes(StandardCharsets.UTF_8);
        return b;
    }
}
