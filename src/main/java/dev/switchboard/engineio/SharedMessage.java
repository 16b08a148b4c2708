package dev.switchboard.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message packet, possibly for many sessions (a broadcast): the Engine.IO packet and its UTF-8
 * bytes are made once, at the first session that needs them, and every WebSocket frame wraps the
 * same bytes instead of encoding the text again. An encoder that writes bytes hands them over as they
 * are ({@link #ofPacketUtf8}); the text is then decoded only for a session that needs text (long
 * polling). Thread-safe (a race makes the same value twice).
 */
public final class SharedMessage {
    private volatile String text;
    private volatile String packet;
    private volatile byte[] utf8;
    // how many of utf8's bytes are the packet when they were handed over; -1 when they are made from
    // the text (then all of them are)
    private final int handedLength;

    /** @param text the message, without the Engine.IO type ({@code 4}) */
    public SharedMessage(String text) {
        this.text = Objects.requireNonNull(text);
        this.handedLength = -1;
    }

    private SharedMessage(byte[] packetUtf8, int length) {
        this.utf8 = packetUtf8;
        this.handedLength = length;
    }

    /**
     * A message from the UTF-8 bytes of its whole Engine.IO packet ({@code 4} and the message), which
     * from now on belong to it and are never to be changed.
     */
    public static SharedMessage ofPacketUtf8(byte[] packet) {
        return ofPacketUtf8(packet, packet.length);
    }

    /**
     * Like {@link #ofPacketUtf8(byte[])} for the first {@code length} bytes of {@code bytes} (an
     * encoder's buffer handed over instead of copied); the rest of the array is never read.
     */
    public static SharedMessage ofPacketUtf8(byte[] bytes, int length) {
        if (length <= 0 || length > bytes.length || bytes[0] != '4') {
            throw new IllegalArgumentException("not an Engine.IO message packet");
        }
        return new SharedMessage(bytes, length);
    }

    /** The message, without the Engine.IO type. */
    public String text() {
        String t = text;
        if (t == null) text = t = packet().substring(1);
        return t;
    }

    /** The Engine.IO packet: {@code 4} and the message. */
    String packet() {
        String p = packet;
        if (p == null) {
            String t = text;
            packet = p = t != null ? "4" + t : new String(utf8, 0, handedLength, StandardCharsets.UTF_8);
        }
        return p;
    }

    /**
     * The packet as UTF-8, the payload of a WebSocket text frame: a new buffer over the bytes every
     * session shares (never to be changed), not a copy.
     */
    public ByteBuf content() {
        byte[] b = utf8;
        if (b == null) utf8 = b = packet().getBytes(StandardCharsets.UTF_8);
        return Unpooled.wrappedBuffer(b, 0, handedLength < 0 ? b.length : handedLength);
    }
}
