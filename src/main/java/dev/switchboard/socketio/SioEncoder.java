package dev.switchboard.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.switchboard.engineio.SharedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes Socket.IO v5 packets: the text frame and, for binary packets, the attachment frames after it. */
final class SioEncoder {
    private final ObjectMapper json;
    // a character outside the BMP as its four UTF-8 bytes, not as two escapes (a lone surrogate, which
    // has no UTF-8, is written as its escape)
    private final ObjectWriter utf8;

    SioEncoder(ObjectMapper json) {
        this.json = json;
        this.utf8 = json.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    /**
     * An encoded packet, ready to be written to any number of sessions: {@code shared} is its text
     * frame prepared once for all of them (a broadcast encodes one packet for all its receivers).
     */
    record Encoded(SharedMessage shared, List<byte[]> attachments) {
        Encoded(String text, List<byte[]> attachments) {
            this(new SharedMessage(text), attachments);
        }

        /** The Socket.IO packet's text (without Engine.IO's {@code 4}). */
        String text() {
            return shared.text();
        }
    }

    Encoded encode(int type, String nsp, long ackId, JsonNode data) {
        List<byte[]> attachments = List.of();
        JsonNode payload = data;
        if (data != null && Binaries.contains(data)) {
            attachments = new ArrayList<>();
            payload = Binaries.deconstruct(data, attachments);
            type = type == SioPacket.EVENT ? SioPacket.BINARY_EVENT : type == SioPacket.ACK ? SioPacket.BINARY_ACK : type;
        }
        StringBuilder out = header(type, nsp, ackId, attachments.size());
        if (payload != null) {
            try {
                out.append(json.writeValueAsString(payload));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serializes", e);
            }
        }
        return new Encoded(out.toString(), attachments);
    }

    /**
     * A packet whose payload is the JSON array of {@code values}, written straight from them: only
     * for values without binaries ({@link PlainValues}), which need no attachments. Writes the same
     * text as {@link #encode} of their tree.
     */
    Encoded encodePlain(int type, String nsp, long ackId, Object[] values) {
        // Straight to the WebSocket frame's bytes, Engine.IO's type first: no text is made unless a
        // long-polling session asks for it.
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        out.write('4');
        out.write('0' + type);
        if (!"/".equals(nsp)) {
            byte[] name = nsp.getBytes(StandardCharsets.UTF_8);
            out.write(name, 0, name.length);
            out.write(',');
        }
        if (ackId >= 0) {
            byte[] id = Long.toString(ackId).getBytes(StandardCharsets.US_ASCII);
            out.write(id, 0, id.length);
        }
        try {
            utf8.writeValue(out, values);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write an emitted value as JSON", e);
        }
        // a packet that fits the builder's first block is that block, handed over instead of copied
        if (out.size() == out.getCurrentSegmentLength()) {
            return new Encoded(SharedMessage.ofPacketUtf8(out.getCurrentSegment(), out.size()), List.of());
        }
        return new Encoded(SharedMessage.ofPacketUtf8(out.toByteArray()), List.of());
    }

    private static StringBuilder header(int type, String nsp, long ackId, int attachments) {
        StringBuilder out = new StringBuilder(256);
        out.append((char) ('0' + type));
        if (attachments > 0) out.append(attachments).append('-');
        if (!"/".equals(nsp)) out.append(nsp).append(',');
        if (ackId >= 0) out.append(ackId);
        return out;
    }
}
