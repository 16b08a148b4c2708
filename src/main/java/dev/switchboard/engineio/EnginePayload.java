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
                    data = Base64.getDecoder().decode(withoutWhitespace(payload.substring(start + 1, end)));
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

    /**
     * The official Java client (engine.io-client-java) encodes with Android's {@code Base64.DEFAULT}
     * flags, which end the text with a line break, and the reference server (Node's base64 decoder)
     * skips whitespace; the strict JDK decoder refuses it, so line breaks and spaces are dropped
     * first. Any other character outside the alphabet still makes the packet malformed.
     */
    private static String withoutWhitespace(String base64) {
        for (int i = 0; i < base64.length(); i++) {
            if (isWhitespace(base64.charAt(i))) {
                StringBuilder out = new StringBuilder(base64.length());
                for (int k = 0; k < base64.length(); k++) {
                    if (!isWhitespace(base64.charAt(k))) out.append(base64.charAt(k));
                }
                return out.toString();
            }
        }
        return base64;
    }

    private static boolean isWhitespace(char c) {
        return c == '\n' || c == '\r' || c == ' ' || c == '\t';
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
