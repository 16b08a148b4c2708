package dev.switchboard.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.engineio.SharedMessage;
import java.util.ArrayList;
import java.util.List;

/** Encodes Socket.IO v5 packets: the text frame and, for binary packets, the attachment frames after it. */
final class SioEncoder {
    private final ObjectMapper json;

    SioEncoder(ObjectMapper json) {
        this.json = json;
    }

    /** An encoded packet, ready to be written to any number of sessions. */
    /**
     * An encoded packet; {@code shared} is its text prepared once for every session it goes to (a
     * broadcast encodes one packet for all its receivers).
     */
    record Encoded(String text, List<byte[]> attachments, SharedMessage shared) {
        Encoded(String text, List<byte[]> attachments) {
            this(text, attachments, new SharedMessage(text));
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
        StringBuilder out = header(type, nsp, ackId, 0);
        try {
            out.append(json.writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write an emitted value as JSON", e);
        }
        return new Encoded(out.toString(), List.of());
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
