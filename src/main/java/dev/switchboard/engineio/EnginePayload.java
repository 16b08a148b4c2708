package dev.switchboard.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;

/**
 * The HTTP long-polling payload format of Engine.IO v4: packets joined by the record separator
 * {@code \x1e}; a text packet is its type digit followed by its data, a binary message is
 * {@code b} followed by base64.
 */
final class EnginePayload {
    static final char SEPARATOR = '\u001e';

    /** Receives decoded packets; returns false to stop decoding. */
    interface Sink {
        boolean text(char type, String data);

        boolean binary(byte[] data);
    }

    private EnginePayload() {}

    /**
     * Decodes a whole payload. Returns false (after delivering the packets before it) when a
     * packet is malformed: an unknown type, or bad base64.
     */
    static boolean decode(String payload, Sink sink) {
        int start = 0;
        int length = payload.length();
        while (start <= length) {
            int end = payload.indexOf(SEPARATOR, start);
            if (end < 0) end = length;
            if (end == start) return false; // empty packet
            char type = payload.charAt(start);
            if (type == 'b') {
                byte[] data;
                try {
                    data = Base64.getDecoder().decode(payload.substring(start + 1, end));
                } catch (IllegalArgumentException e) {
                    return false;
                }
                if (!sink.binary(data)) return true;
            } else {
                if (!isClientPacketType(type)) return false;
                if (!sink.text(type, payload.substring(start + 1, end))) return true;
            }
            start = end + 1;
        }
        return true;
    }

    /** Packet types a client may send: close, ping, pong, message, upgrade, noop. */
    static boolean isClientPacketType(char type) {
        return type >= '1' && type <= '6';
    }

    /** Encodes buffered packets (each a {@code String} text packet or a {@code byte[]} message). */
    static ByteBuf encode(ByteBufAllocator alloc, Collection<Object> packets) {
        ByteBuf out = alloc.buffer();
        boolean first = true;
        for (Object packet : packets) {
            if (!first) out.writeByte(SEPARATOR);
            first = false;
            if (packet instanceof byte[] data) {
                out.writeByte('b');
                out.writeCharSequence(Base64.getEncoder().encodeToString(data), StandardCharsets.US_ASCII);
            } else {
                out.writeCharSequence((String) packet, StandardCharsets.UTF_8);
            }
        }
        return out;
    }
}
